package io.audiohook.connector.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.audiohook.connector.assist.AssistEventSink;
import io.audiohook.connector.assist.ConversationLedger;
import io.audiohook.connector.assist.LocalConversationLedger;
import io.audiohook.connector.assist.EventSinks;
import io.audiohook.connector.assist.RecentAssistEvents;
import io.audiohook.connector.auth.ApiKeys;
import io.audiohook.connector.auth.Authenticator;
import io.audiohook.connector.auth.InMemoryNonceStore;
import io.audiohook.connector.auth.NonceStore;
import io.audiohook.connector.auth.SignatureVerifier;
import io.audiohook.connector.call.CallListener;
import io.audiohook.connector.call.CallListenerFactory;
import io.audiohook.connector.call.CallRecorder;
import io.audiohook.connector.call.LanguageSupport;
import io.audiohook.connector.call.TeeCallListenerFactory;
import io.audiohook.connector.console.CallProbe;
import io.audiohook.connector.console.ConsoleBoard;
import io.audiohook.connector.console.ConsoleCalls;
import io.audiohook.connector.console.ConsoleEvents;
import io.audiohook.connector.console.ConsoleSettings;
import io.audiohook.connector.console.Viewers;
import io.audiohook.connector.web.console.DemoCredentials;
import io.audiohook.connector.transcript.TranscriptionCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.audiohook.connector.protocol.ProtocolSettings;
import io.audiohook.connector.publish.DesktopPresence;
import io.audiohook.connector.publish.PublishSettings;
import io.audiohook.connector.publish.RedisConversationLedger;
import io.audiohook.connector.publish.RedisLanes;
import io.audiohook.connector.publish.RedisNonceStore;
import io.audiohook.connector.publish.RedisPublisher;
import io.audiohook.connector.publish.RedisUse;
import io.audiohook.connector.publish.ResumeWhenJoined;
import io.audiohook.connector.web.WebSettings;
import io.audiohook.connector.web.api.ApiSettings;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.LaunchMode;

/**
 * The one place the connector is put together, in the order a call's data flows: the upgrade is authenticated
 * ({@link Authenticator}), the session speaks the protocol ({@link ProtocolSettings}, {@link WebSettings}), the
 * call goes to its backend ({@link CallListenerFactory}: Agent Assist, the recorder where it is used, calls
 * paused until a desktop joins), and Agent Assist's events go out ({@link AssistEventSink}: Redis for Google's UI
 * connector, memory for tests and dev). Everything else is an adapter that receives what is made here; each
 * configuration mapping turns itself into the plain settings of its concern.
 */
@ApplicationScoped
public class Wiring {
    private static final Logger LOG = Logger.getLogger(Wiring.class);

    // ------------------------------------------------------------------ 1. the upgrade is authenticated

    @Produces
    @Singleton
    ApiKeys apiKeys(AuthConfig auth) {
        ApiKeys keys = ApiKeys.parse(auth.apiKey(), auth.clientSecret(), auth.apiKeys());
        if (keys.isEmpty()) {
            LOG.warn("no API key configured: every AudioHook connection will be refused (set API_KEY)");
        } else {
            LOG.infof("%d API key(s) configured", keys.size());
        }
        return keys;
    }

    @Produces
    @DefaultBean
    @Singleton
    NonceStore nonceStore(AuthConfig auth, RedisUse redis, Instance<RedisLanes> lanes) {
        if (redis.nonces()) {
            LOG.info("signature nonces are kept in Redis, shared by all instances");
            return new RedisNonceStore(lanes.get().calls(), auth.nonceKeyPrefix(), auth.nonceStoreTimeout());
        }
        LOG.info("signature nonces are kept in memory: replays are refused by this instance only");
        return new InMemoryNonceStore(auth.nonceCacheSize());
    }

    @Produces
    @Singleton
    Authenticator authenticator(AuthConfig auth, ApiKeys keys, NonceStore nonces) {
        SignatureVerifier verifier = new SignatureVerifier(keys, Clock.systemUTC(), auth.clockSkew(),
                auth.maxSignatureAge(), auth.minNonceLength());
        return new Authenticator(verifier, nonces, Set.copyOf(organizations(auth)));
    }

    /** The allowed organizations as Genesys sends them (lower-case UUIDs), in the order configured. */
    private static List<String> organizations(AuthConfig auth) {
        return auth.organizationIds().orElse(List.of()).stream().map(id -> id.trim().toLowerCase(Locale.ROOT))
                .filter(id -> !id.isEmpty()).distinct().toList();
    }

    // ------------------------------------------------------------------ 2. the session speaks AudioHook

    @Produces
    @Singleton
    ProtocolSettings protocolSettings(ProtocolConfig protocol, ResumeWhenJoined resumeWhenJoined) {
        // calls wait paused for their desktop only when something will resume them
        return protocol.settings(resumeWhenJoined.active());
    }

    /** What the streams learn of each profile's languages, for what later calls of it are offered. */
    @Produces
    @Singleton
    LanguageSupport languageSupport() {
        return new LanguageSupport();
    }

    @Produces
    @Singleton
    WebSettings webSettings(SessionsConfig sessions, AuthConfig auth, AssistConfig assist, ApiConfig api) {
        // GCP_PROJECT_ID is the deployment's project: Cloud Run's traces of the upgrade requests are recorded there
        return sessions.settings(auth, AgentAssist.allowedProfiles(assist), api.projectId());
    }

    // ------------------------------------------------------------------ 3. the call goes to its backend

    @Produces
    @Singleton
    CallListenerFactory backend(AgentAssist assist, TranscriptionConfig transcription, MeterRegistry meters,
            CallRecorder recorder, SessionsConfig sessions, ResumeWhenJoined resumeWhenJoined, ConsoleBoard console) {
        boolean records = records(sessions);
        CallListenerFactory calls;
        if (assist.factory().isPresent()) {
            // one recognition for both: the desktop's Agent Assist and, in transcription mode, Genesys' transcripts
            CallListenerFactory assisted = new TranscriptionCalls(assist.factory().get(), transcription.settings(),
                    new MicrometerTranscriptMetrics(meters));
            calls = records ? new TeeCallListenerFactory(assisted, recorder) : assisted;
        } else if (records) {
            LOG.info("calls are only recorded (no conversation profile)");
            calls = recorder;
        } else {
            calls = (info, control) -> new CallListener() {
            };
        }
        if (console.settings().enabled()) {
            calls = new TeeCallListenerFactory(calls, new ConsoleCalls(console));
        }
        return resumeWhenJoined.wrap(calls);
    }

    /** Where it is used: dev, test and the demo (the emulator served), unless configured; never production calls. */
    static boolean records(SessionsConfig sessions) {
        return sessions.record().orElseGet(() -> LaunchMode.current() != LaunchMode.NORMAL
                || AgentAssist.servesEmulator());
    }

    /** Typed as itself only: the calls' backend is the one above, which includes it where it is used. */
    @Produces
    @Singleton
    @Typed(CallRecorder.class)
    CallRecorder callRecorder(SessionsConfig sessions) {
        return new CallRecorder(sessions.recorded());
    }

    @Produces
    @Singleton
    ResumeWhenJoined resumeWhenJoined(PublishSettings publish, AssistConfig assist,
            Instance<DesktopPresence> presence) {
        return new ResumeWhenJoined(publish, AgentAssist.profile(assist), presence.get());
    }

    /**
     * Who holds which conversation, consulted before any is completed: in Redis when events are published there
     * (every instance decides from the same record), else in this instance's memory.
     */
    @Produces
    @Singleton
    ConversationLedger conversationLedger(LedgerConfig ledger, AssistConfig assist, PublishConfig publish,
            Instance<RedisLanes> lanes) {
        ConversationLedger.Terms terms = ledger.terms(assist);
        if (ledger.shared(publish.enabled())) {
            LOG.info("the conversation ledger is kept in Redis, shared by all instances");
            return new RedisConversationLedger(lanes.get().calls(), publish.keyPrefix(), terms, ledger.timeout());
        }
        LOG.info("the conversation ledger is kept in memory: a conversation is completed by the instance that held it");
        return new LocalConversationLedger(terms, () -> System.nanoTime() / 1_000_000);
    }

    // ------------------------------------------------------------------ 4. Agent Assist's events go out

    /** Redis when publishing is on; memory as well when asked (tests, dev), or alone when publishing is off. */
    @Produces
    @Singleton
    AssistEventSink assistEventSink(PublishSettings publish, Instance<RedisPublisher> publisher,
            RecentAssistEvents recent, ConsoleBoard console) {
        List<AssistEventSink> sinks = new ArrayList<>(2);
        if (publish.enabled()) {
            RedisPublisher redis = publisher.get();
            sinks.add(redis::publish);
            LOG.info("Agent Assist events are published to Redis for the UI connector");
        } else {
            LOG.info("publishing to Redis is off (connector.publish.enabled=false): events are only kept in memory");
        }
        if (!publish.enabled() || publish.keepRecentInMemory()) {
            sinks.add(recent);
        }
        if (console.settings().enabled()) {
            sinks.add(new ConsoleEvents(console));
        }
        return EventSinks.all(sinks);
    }

    // ------------------------------------------------------------------ 5. people watch: the console

    @Produces
    @Singleton
    ConsoleBoard consoleBoard(ConsoleConfig console) {
        ConsoleSettings settings = console.settings();
        if (settings.enabled()) {
            LOG.infof("the console is served at / (%s)", settings.tokenRequired()
                    ? "viewers need the HTTP API's token" : "no token: a dev or demo instance");
        }
        return new ConsoleBoard(settings, new Viewers(settings.maxViewers(), settings.viewerQueue()),
                System::currentTimeMillis);
    }

    /** The console's demo calls sign in like Genesys: with the first key, as the first allowed organization. */
    @Produces
    @Singleton
    DemoCredentials demoCredentials(ApiKeys keys, AuthConfig auth) {
        return new DemoCredentials(keys.first(), organizations(auth).stream().findFirst(), AgentAssist::ownHttpPort);
    }

    /** What the console shows of a call's Dialogflow streams and its desktop. */
    @Produces
    @Singleton
    CallProbe consoleProbe(AgentAssist assist, PublishSettings publish, Instance<RedisPublisher> publisher) {
        return new ConsoleProbe(assist.factory(),
                publish.enabled() ? Optional.of(publisher.get()) : Optional.empty());
    }

    /** Typed as itself only: the events' sink is the one above, which includes it where asked. */
    @Produces
    @Singleton
    @Typed(RecentAssistEvents.class)
    RecentAssistEvents recentAssistEvents(AssistConfig assist) {
        return new RecentAssistEvents(assist.recentEvents(), assist.recentConversations());
    }

    // ------------------------------------------------------------------ the adapters' settings

    @Produces
    @Singleton
    PublishSettings publishSettings(PublishConfig publish) {
        return publish.settings();
    }

    @Produces
    @Singleton
    ApiSettings apiSettings(ApiConfig api, AssistConfig assist) {
        return api.settings(AgentAssist.profile(assist).map(p -> p.project()));
    }

    /** Nonces follow the publisher unless configured: several instances publishing share one Redis. */
    @Produces
    @Singleton
    RedisUse redisUse(AuthConfig auth, PublishConfig publish, LedgerConfig ledger) {
        AuthConfig.NonceStoreKind nonces = auth.nonceStore()
                .orElse(publish.enabled() ? AuthConfig.NonceStoreKind.REDIS : AuthConfig.NonceStoreKind.MEMORY);
        return new RedisUse(publish.enabled(), nonces == AuthConfig.NonceStoreKind.REDIS,
                ledger.shared(publish.enabled()));
    }
}
