package io.audiohook.connector.app;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.google.auth.oauth2.GoogleCredentials;

import io.audiohook.connector.call.LanguageSupport;
import io.audiohook.connector.assist.AssistCallFactory;
import io.audiohook.connector.assist.AssistEventSink;
import io.audiohook.connector.assist.AssistRuntime;
import io.audiohook.connector.assist.AssistSettings;
import io.audiohook.connector.assist.ConversationLedger;
import io.audiohook.connector.assist.DialogflowClients;
import io.audiohook.connector.assist.DialogflowCredentials;
import io.audiohook.connector.assist.DialogflowEndpoint;
import io.audiohook.connector.assist.ProfileName;
import io.audiohook.connector.assist.StreamLoops;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.Vertx;

/**
 * Agent Assist, assembled: when a conversation profile is configured (or the emulator is served, for a demo
 * without Google credentials), the Dialogflow clients, their credentials, the timers and the call factory;
 * otherwise nothing, and calls are not sent to Dialogflow.
 */
@Singleton
public class AgentAssist {
    private static final Logger LOG = Logger.getLogger(AgentAssist.class);

    private final Optional<ProfileName> profile;
    private final Optional<AssistCallFactory> factory;
    private final Optional<DialogflowCredentials> credentials;
    private final ScheduledExecutorService[] threads;

    AgentAssist(AssistConfig assist, SessionsConfig sessions, AssistEventSink sink, LanguageSupport languages,
            MeterRegistry meters, ConversationLedger ledger, LedgerConfig ledgerConfig, Vertx vertx) {
        this.profile = profile(assist);
        if (profile.isEmpty()) {
            LOG.info("no conversation profile configured (CONVERSATION_PROFILE_NAME): calls are not sent to Agent Assist");
            factory = Optional.empty();
            credentials = Optional.empty();
            threads = new ScheduledExecutorService[0];
            return;
        }
        ProfileName name = profile.get();
        AssistSettings settings = assist.settings(name);
        ScheduledExecutorService timers = threads("assist-timer", 2);
        ScheduledExecutorService gax = threads("dialogflow-gax", 1);
        ScheduledExecutorService lookups = threads("dialogflow-credentials", 1);
        threads = new ScheduledExecutorService[] { timers, gax, lookups };
        credentials = needsCredentials(assist) ? Optional.of(new DialogflowCredentials(
                GoogleCredentials::getApplicationDefault, lookups, System::nanoTime).start()) : Optional.empty();
        DialogflowClients clients = new DialogflowClients(() -> endpoint(assist, name), assist.channels(),
                () -> credentials.orElseThrow(() -> new IllegalStateException("no credentials for " + name))
                        .provider(),
                gax, settings.streaming().limits().deadline(), streamLoops(vertx));
        MicrometerAssistMetrics metrics = new MicrometerAssistMetrics(meters);
        metrics.bindChannels(clients::channelStats);
        credentials.ifPresent(c -> metrics.bindCredentialFailures(c::failures));
        factory = Optional.of(new AssistCallFactory(
                new AssistRuntime(settings, clients, sink, languages, timers, AssistRuntime.Latencies.create(metrics)),
                sessions.recorded(), ledger, ledgerConfig.terms(assist)));
        metrics.bindCompletions(factory.get());
        LOG.infof("Agent Assist with conversation profile %s", name.name());
    }

    /** The configured profile, else the emulator's when this instance serves the emulator itself (a demo). */
    static Optional<ProfileName> profile(AssistConfig assist) {
        Optional<String> configured = assist.conversationProfile().map(String::trim).filter(p -> !p.isEmpty());
        if (configured.isEmpty() && emulated(assist)) {
            configured = ConfigProvider.getConfig().getOptionalValue("connector.emulator.profile-name", String.class)
                    .or(() -> Optional.of(ProfileName.EMULATED));
        }
        return configured.map(ProfileName::parse);
    }

    public Optional<ProfileName> profile() {
        return profile;
    }

    /**
     * The profiles a call may choose ({@code customConfig.conversationProfile}): the default and the allowed ones
     * in its project and location. A profile elsewhere would give the call a conversation name the desktop does not
     * join by (and another regional endpoint), so it is left out with a WARN; so is one that is not a profile name.
     */
    static Set<String> allowedProfiles(AssistConfig assist) {
        Optional<ProfileName> defaults = profile(assist);
        if (defaults.isEmpty()) {
            return Set.of();
        }
        Set<String> allowed = new LinkedHashSet<>();
        allowed.add(defaults.get().name());
        for (String name : assist.allowedProfiles().orElse(List.of())) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                ProfileName p = ProfileName.parse(trimmed);
                if (p.project().equals(defaults.get().project()) && p.location().equals(defaults.get().location())) {
                    allowed.add(p.name());
                } else {
                    LOG.warnf("allowed profile %s ignored: not in the default profile's project and location (%s, %s)",
                            trimmed, defaults.get().project(), defaults.get().location());
                }
            } catch (IllegalArgumentException e) {
                LOG.warnf("allowed profile '%s' ignored: not a conversation profile name", trimmed);
            }
        }
        return Set.copyOf(allowed);
    }

    public Optional<AssistCallFactory> factory() {
        return factory;
    }

    /** The credentials Dialogflow calls carry, when the endpoint is Google's (TLS); none for an emulator. */
    public Optional<DialogflowCredentials> credentials() {
        return credentials;
    }

    /** TLS endpoints are authenticated; only an emulator (in-process or plaintext) is not. */
    static boolean needsCredentials(AssistConfig assist) {
        if (assist.endpoint().isPresent()) {
            return !assist.plaintext();
        }
        return !emulated(assist);
    }

    /**
     * Resolved at first use, not at startup: with a random test port the bound port is only known once the
     * HTTP server listens, and Quarkus then publishes it under the port's configuration key.
     */
    static DialogflowEndpoint endpoint(AssistConfig assist, ProfileName profile) {
        if (assist.endpoint().isPresent()) {
            return new DialogflowEndpoint(assist.endpoint().get().trim(), assist.plaintext());
        }
        if (emulated(assist)) {
            return DialogflowEndpoint.emulator(ownHttpPort());
        }
        return DialogflowEndpoint.google(profile);
    }

    /** In prod mode, a packaged app that serves the emulator itself talks to it. */
    static boolean emulated(AssistConfig assist) {
        return assist.emulator() || LaunchMode.current() == LaunchMode.NORMAL && servesEmulator();
    }

    static boolean servesEmulator() {
        return ConfigProvider.getConfig().getOptionalValue("connector.emulator.enabled", Boolean.class).orElse(false);
    }

    static int ownHttpPort() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getValue(key, Integer.class);
    }

    /**
     * Streams run on the event loops that serve the calls, so that a call's audio and answers stay on its
     * connection's loop; their channels are of the loops' transport: epoll where Netty's native one loaded, else NIO.
     */
    static StreamLoops streamLoops(Vertx vertx) {
        if (!vertx.isNativeTransportEnabled()) {
            return StreamLoops.of(vertx.nettyEventLoopGroup(), NioSocketChannel.class);
        }
        if (Epoll.isAvailable()) {
            return StreamLoops.of(vertx.nettyEventLoopGroup(), EpollSocketChannel.class);
        }
        LOG.info("Dialogflow streams on gRPC's own threads: the event loops use a native transport other than epoll");
        return StreamLoops.NONE;
    }

    private static ScheduledExecutorService threads(String name, int count) {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(count, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @PreDestroy
    void close() {
        factory.ifPresent(AssistCallFactory::close);
        for (ScheduledExecutorService executor : threads) {
            executor.shutdownNow();
        }
    }
}
