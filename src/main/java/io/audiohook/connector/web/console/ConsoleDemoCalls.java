package io.audiohook.connector.web.console;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.audiohook.connector.auth.ApiKey;
import io.audiohook.connector.console.ConsoleBoard;
import io.audiohook.connector.demo.DemoCall;
import io.audiohook.connector.demo.DemoCaller;
import io.audiohook.connector.demo.Target;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The console's <em>Place a demo call</em>: the bundled two-party recording, streamed in real time through this
 * instance's own {@code /audiohook/ws} (over the loopback, to the port the HTTP server really listens on), signed
 * with its own first API key, so the call takes exactly the path a Genesys call takes. A few at once at most; the
 * caller (one timer thread, two I/O threads) is made on the first demo call and closed at shutdown.
 */
@ApplicationScoped
public class ConsoleDemoCalls {
    private static final Logger LOG = Logger.getLogger(ConsoleDemoCalls.class);
    /** Demo calls at once: enough to watch several, few enough that a held-down button is no load test. */
    static final int MAX_LIVE = 5;

    /** Why a demo call was not placed. */
    public enum Refusal {
        OFF, NO_SIGNING_KEY, UNUSABLE_CREDENTIALS, NOT_LISTENING, BUSY
    }

    /** A placed call, or why not. */
    public record Placed(Optional<DemoCall> call, Optional<Refusal> refusal) {
    }

    @Inject
    ConsoleBoard board;
    @Inject
    DemoCredentials credentials;

    private DemoCaller caller;

    void stop(@Observes ShutdownEvent event) {
        synchronized (this) {
            if (caller != null) {
                caller.close();
            }
        }
    }

    /** Whether this instance offers demo calls at all (a dev or demo instance with a key that signs). */
    public boolean offered() {
        return board.settings().demoCalls() && credentials.key().filter(ApiKey::hasSecret).isPresent();
    }

    public Placed place() {
        if (!board.settings().demoCalls()) {
            return refused(Refusal.OFF);
        }
        Optional<ApiKey> key = credentials.key().filter(ApiKey::hasSecret);
        if (key.isEmpty()) {
            return refused(Refusal.NO_SIGNING_KEY);
        }
        int port = credentials.ownPort().getAsInt();
        if (port <= 0) {
            return refused(Refusal.NOT_LISTENING);
        }
        Target target;
        try {
            target = new Target(URI.create("ws://127.0.0.1:" + port + "/audiohook/ws"), key.get().key(),
                    key.get().secret(), credentials.organizationId().orElse(null), null);
        } catch (IllegalArgumentException e) { // e.g. an allowed organization id that is no UUID; never says the key
            LOG.warnf("no demo call: %s", e.getMessage());
            return refused(Refusal.UNUSABLE_CREDENTIALS);
        }
        synchronized (this) {
            if (caller == null) {
                caller = new DemoCaller();
            }
            if (caller.liveCalls() >= MAX_LIVE) {
                return refused(Refusal.BUSY);
            }
            DemoCall call = caller.place(target);
            LOG.infof("demo call %s placed from the console", call.sessionId());
            return new Placed(Optional.of(call), Optional.empty());
        }
    }

    private static Placed refused(Refusal why) {
        return new Placed(Optional.empty(), Optional.of(why));
    }
}
