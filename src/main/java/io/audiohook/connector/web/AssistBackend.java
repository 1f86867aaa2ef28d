package io.audiohook.connector.web;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.audiohook.connector.assist.AssistCallFactory;
import io.audiohook.connector.assist.AssistEventSink;
import io.audiohook.connector.assist.AssistRuntime;
import io.audiohook.connector.assist.AssistSettings;
import io.audiohook.connector.assist.DialogflowClients;
import io.audiohook.connector.assist.DialogflowCredentials;
import io.audiohook.connector.assist.StreamLimits;
import io.audiohook.connector.retry.Backoff;
import com.google.auth.oauth2.GoogleCredentials;
import io.audiohook.connector.assist.DialogflowEndpoint;
import io.audiohook.connector.assist.ProfileName;
import io.audiohook.connector.assist.RecentAssistEvents;
import io.audiohook.connector.publish.ResumeWhenJoined;
import io.audiohook.connector.call.CallListenerFactory;
import io.audiohook.connector.call.CallRecorder;
import io.audiohook.connector.call.TeeCallListenerFactory;
import io.audiohook.connector.web.ops.MicrometerAssistMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.LaunchMode;

/**
 * Agent Assist as the calls' backend when a conversation profile is configured; otherwise calls are only
 * recorded. The recorder also sees every Agent Assist call, so what the session layer handed over stays visible.
 */
@Singleton
public class AssistBackend {
    private static final Logger LOG = Logger.getLogger(AssistBackend.class);
    private static final String EMULATOR_DEFAULT_PROFILE =
            "projects/emulated-project/locations/us-central1/conversationProfiles/emulated-profile";

    private final Optional<AssistCallFactory> factory;
    private final Optional<DialogflowCredentials> credentials;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService gax;
    private final ScheduledExecutorService credentialLookups;

    AssistBackend(ConnectorConfig config, AssistEventSink sink, MeterRegistry meters) {
        ConnectorConfig.Assist assist = config.assist();
        Optional<String> profile = assist.conversationProfile().map(String::trim).filter(p -> !p.isEmpty());
        if (profile.isEmpty() && emulated(assist)) {
            // a demo without Google credentials: CONNECTOR_EMULATOR_ENABLED=true is the one setting needed
            profile = ConfigProvider.getConfig().getOptionalValue("connector.emulator.profile-name", String.class)
                    .or(() -> Optional.of(EMULATOR_DEFAULT_PROFILE));
        }
        if (profile.isEmpty()) {
            LOG.info("no conversation profile configured (CONVERSATION_PROFILE_NAME): calls are only recorded");
            factory = Optional.empty();
            credentials = Optional.empty();
            scheduler = null;
            gax = null;
            credentialLookups = null;
            return;
        }
        ProfileName name = ProfileName.parse(profile.get());
        AssistSettings settings = settings(assist, name);
        scheduler = threads("assist-timer", 2);
        gax = threads("dialogflow-gax", 1);
        credentialLookups = threads("dialogflow-credentials", 1);
        credentials = needsCredentials(assist) ? Optional.of(new DialogflowCredentials(
                GoogleCredentials::getApplicationDefault, credentialLookups, System::nanoTime).start())
                : Optional.empty();
        DialogflowClients clients = new DialogflowClients(() -> endpoint(assist, name), channelSettings(assist),
                () -> credentials.orElseThrow(() -> new IllegalStateException("no credentials for " + name))
                        .provider(),
                gax, settings.streaming().limits().deadline());
        MicrometerAssistMetrics metrics = new MicrometerAssistMetrics(meters);
        metrics.bindChannels(clients::channelStats);
        credentials.ifPresent(c -> metrics.bindCredentialFailures(c::failures));
        factory = Optional.of(new AssistCallFactory(
                new AssistRuntime(settings, clients, sink, scheduler, AssistRuntime.Latencies.create(metrics)),
                config.sessions().recorded()));
        LOG.infof("Agent Assist with conversation profile %s", name.name());
    }

    /** The credentials Dialogflow calls carry, when the endpoint is Google's (TLS); none for an emulator. */
    public Optional<DialogflowCredentials> credentials() {
        return credentials;
    }

    /** TLS endpoints are authenticated; only an emulator (in-process or plaintext) is not. */
    static boolean needsCredentials(ConnectorConfig.Assist assist) {
        if (assist.endpoint().isPresent()) {
            return !assist.plaintext();
        }
        return !emulated(assist);
    }

    static DialogflowClients.ChannelSettings channelSettings(ConnectorConfig.Assist a) {
        return new DialogflowClients.ChannelSettings(a.maxStreamsPerChannel(), a.maxChannels(), a.channelIdleClose());
    }

    public Optional<AssistCallFactory> factory() {
        return factory;
    }

    static AssistSettings settings(ConnectorConfig.Assist a, ProfileName profile) {
        StreamLimits defaults = StreamLimits.defaults(a.extendedStreaming());
        StreamLimits limits = new StreamLimits(a.recycleAfter().orElse(defaults.recycleAfter()),
                a.recycleMax().orElse(defaults.recycleMax()), a.streamDeadline().orElse(defaults.deadline()));
        return new AssistSettings(profile, a.model().map(String::trim).filter(m -> !m.isEmpty()),
                new AssistSettings.Streaming(a.chunk(), a.catchUpRate(), a.extendedStreaming(), limits, a.lookback(),
                        a.streamStartTimeout()),
                new AssistSettings.Retry(Backoff.exponential(a.backoffInitial(), a.backoffMax()),
                        Backoff.exponential(a.resourceExhaustedBackoff(), a.resourceExhaustedBackoffMax()),
                        a.healthyStream()),
                a.preSetupBuffer(), a.finalResultsTimeout(), a.completionGrace(), a.maxPendingCompletions());
    }

    /**
     * Resolved at first use, not at startup: with a random test port the bound port is only known once the
     * HTTP server listens, and Quarkus then publishes it under the port's configuration key.
     */
    static DialogflowEndpoint endpoint(ConnectorConfig.Assist assist, ProfileName profile) {
        if (assist.endpoint().isPresent()) {
            return new DialogflowEndpoint(assist.endpoint().get().trim(), assist.plaintext());
        }
        if (emulated(assist)) {
            return DialogflowEndpoint.emulator(ownHttpPort());
        }
        return DialogflowEndpoint.google(profile);
    }

    /** In prod mode, a packaged app that serves the emulator itself talks to it. */
    static boolean emulated(ConnectorConfig.Assist assist) {
        return assist.emulator() || LaunchMode.current() == LaunchMode.NORMAL && ConfigProvider.getConfig()
                .getOptionalValue("connector.emulator.enabled", Boolean.class).orElse(false);
    }

    static int ownHttpPort() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getValue(key, Integer.class);
    }

    private static ScheduledExecutorService threads(String name, int count) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(count, threads);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @PreDestroy
    void close() {
        factory.ifPresent(AssistCallFactory::close);
        if (scheduler != null) {
            scheduler.shutdownNow();
            gax.shutdownNow();
            credentialLookups.shutdownNow();
        }
    }

    /** Holds events in memory until a publisher replaces it. */
    @Singleton
    static class Sinks {
        @Produces
        @DefaultBean
        @Singleton
        RecentAssistEvents recentAssistEvents(ConnectorConfig config) {
            return new RecentAssistEvents(config.assist().recentEvents(), config.assist().recentConversations());
        }
    }

    @Singleton
    static class Backends {
        @Produces
        @Singleton
        CallListenerFactory backend(AssistBackend assist, CallRecorder recorder, ResumeWhenJoined resumeWhenJoined) {
            return resumeWhenJoined.wrap(assist.factory()
                    .<CallListenerFactory>map(f -> new TeeCallListenerFactory(f, recorder)).orElse(recorder));
        }
    }
}
