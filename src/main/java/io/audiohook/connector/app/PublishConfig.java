package io.audiohook.connector.app;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Publishing Agent Assist events to Redis for Google's UI connector, and the durable transcript. Only
 * meaningful when Agent Assist runs (a conversation profile is configured): without it no event exists.
 */
@ConfigMapping(prefix = "connector.publish")
public interface PublishConfig {

    /**
     * Publish to Redis ({@code PUBLISH_TO_REDIS}). On by default: with a conversation profile configured, the
     * desktop can only see events through Redis. Turn it off if Dialogflow's Pub/Sub topics and Google's
     * interceptor still feed the UI connector, or every event reaches the desktop twice.
     */
    @WithDefault("true")
    boolean enabled();

    /** Prefix of the keys this connector owns (the UI connector's keys are never prefixed). */
    @WithDefault("aa-connector:")
    String keyPrefix();

    /** Also keep recent events in the in-memory {@code RecentAssistEvents} (tests and dev read them there). */
    @WithDefault("false")
    boolean keepRecentInMemory();

    Outbox outbox();

    Transcript transcript();

    /** Start calls paused until a desktop joined, as Google's connector does (costs no Speech minutes meanwhile). */
    @WithDefault("false")
    boolean startPausedUntilJoined();

    /** How long a paused call waits for a desktop before it resumes anyway. */
    @WithDefault("10s")
    Duration joinTimeout();

    /** Events wait here while no desktop has joined their conversation or Redis is unreachable. */
    interface Outbox {
        /** Older events are dropped (reason {@code age}). */
        @WithDefault("60s")
        Duration maxAge();

        /** Waiting per conversation (besides one batch out to Redis); the oldest is dropped beyond (reason {@code count}). */
        @WithDefault("500")
        int maxEvents();

        /** Conversations with waiting events; events of further ones are dropped (reason {@code conversations}). */
        @WithDefault("2000")
        int maxConversations();

        /** All waiting events together, estimated as rendered text; new events are dropped beyond (reason {@code memory}). */
        @WithDefault("64M")
        io.quarkus.runtime.configuration.MemorySize maxBytes();

        /** Events published to Redis in one round trip. */
        @WithDefault("64")
        int batch();

        /** How often keys of conversations with waiting events are checked, with one MGET for all. */
        @WithDefault("300ms")
        Duration pollInterval();

        /** First retry after a failed Redis command; doubles per consecutive failure. */
        @WithDefault("250ms")
        Duration retryInitial();

        @WithDefault("5s")
        Duration retryMax();
    }

    /** Every final utterance, appended to a Redis Stream per conversation. */
    interface Transcript {
        @WithDefault("true")
        boolean enabled();

        /** The stream expires this long after its last entry. */
        @WithDefault("7d")
        Duration retention();

        /** Approximate cap on entries per conversation ({@code XADD MAXLEN ~}). */
        @WithDefault("5000")
        int maxLength();

        /** Lines waiting per conversation while Redis is unreachable; the oldest is dropped beyond. */
        @WithDefault("1000")
        int maxPending();
    }

    /** The plain settings the publisher and the transcript store are given. */
    default io.audiohook.connector.publish.PublishSettings settings() {
        Outbox o = outbox();
        Transcript t = transcript();
        return new io.audiohook.connector.publish.PublishSettings(enabled(), keyPrefix(), keepRecentInMemory(),
                startPausedUntilJoined(), joinTimeout(),
                new io.audiohook.connector.publish.PublishSettings.Outbox(o.maxAge(), o.maxEvents(),
                        o.maxConversations(), o.maxBytes().asLongValue(), o.batch(), o.pollInterval(),
                        o.retryInitial(), o.retryMax()),
                new io.audiohook.connector.publish.PublishSettings.Transcript(t.enabled(), t.retention(),
                        t.maxLength(), t.maxPending()));
    }
}
