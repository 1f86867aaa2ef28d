package io.audiohook.connector.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.audiohook.connector.auth.Authenticator;
import io.audiohook.connector.auth.UpgradeRequest;
import io.audiohook.connector.protocol.Uuids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Decides before the WebSocket upgrade: capacity (503), the three AudioHook ids (400), API key and message
 * signature (401). Refusals carry no body and no hint; authentication failures all take the same minimum
 * time, waited on a timer so the event loop is never held. Every refusal is counted; their log lines are bounded
 * ({@link RefusalLog}), so a flood does not flood the log. An admitted connection gets its {@link FrameGuard}.
 */
@ApplicationScoped
public class UpgradeGuard implements HttpUpgradeCheck {
    static final String ORGANIZATION_ID = "Audiohook-Organization-Id";
    static final String SESSION_ID = "Audiohook-Session-Id";
    static final String CORRELATION_ID = "Audiohook-Correlation-Id";

    private static final Logger LOG = Logger.getLogger(UpgradeGuard.class);

    @Inject
    Authenticator authenticator;
    @Inject
    LiveSessions sessions;
    @Inject
    WebSettings config;
    @Inject
    MeterRegistry meters;
    @Inject
    Draining drain;
    @Inject
    Vertx vertx;

    private final RefusalLog refusals = new RefusalLog(System.nanoTime());
    private Counter notReading;

    @PostConstruct
    void meters() {
        notReading = meters.counter("audiohook.connections.not.reading");
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        long started = System.nanoTime();
        HttpServerRequest request = context.httpRequest();
        if (drain.draining()) {
            refused("draining", request);
            return CheckResult.rejectUpgrade(503);
        }
        if (sessions.isFull()) {
            refused("capacity", request);
            return CheckResult.rejectUpgrade(503);
        }
        for (String header : List.of(ORGANIZATION_ID, SESSION_ID, CORRELATION_ID)) {
            if (!Uuids.isValid(trimmed(request.getHeader(header)))) {
                refused("bad_headers", request);
                return CheckResult.rejectUpgrade(400);
            }
        }
        UpgradeRequest upgrade = UpgradeRequest.of(request.uri(), trimmed(request.getHeader("Host")), headers(request));
        return Uni.createFrom().completionStage(() -> authenticator.authenticate(upgrade))
                .onItemOrFailure().transformToUni((result, failure) -> {
                    if (failure != null) {
                        // The replay cache could not vouch for the nonce: refuse, but as "busy", not as a bad client.
                        refused("nonce_store", request, failure);
                        return CheckResult.rejectUpgrade(503);
                    }
                    if (result.ok()) {
                        FrameGuard.install(request, notReading);
                        return CheckResult.permitUpgrade();
                    }
                    refused(result.outcome().reason(), request);
                    LOG.debugf("upgrade refused for session %s: %s", sanitize(request.getHeader(SESSION_ID)),
                            result.detail());
                    Duration remaining = config.refusalDelay().minusNanos(System.nanoTime() - started);
                    Uni<CheckResult> refusal = CheckResult.rejectUpgrade(401);
                    return remaining.isNegative() || remaining.isZero() ? refusal
                            : refusal.onItem().delayIt().by(remaining);
                });
    }

    private void refused(String reason, HttpServerRequest request) {
        refused(reason, request, null);
    }

    /** Counted always; logged within {@link RefusalLog}'s bound (WARN when the connector itself failed). */
    private void refused(String reason, HttpServerRequest request, Throwable failure) {
        meters.counter("audiohook.upgrades.refused", "reason", reason).increment();
        long now = System.nanoTime();
        boolean summaryDue = refusals.summaryPending();
        if (!refusals.admit(reason, now)) {
            if (!summaryDue) {
                summarizeIn(refusals.untilSummary(now));
            }
            return;
        }
        String session = sanitize(request.getHeader(SESSION_ID));
        String correlation = sanitize(request.getHeader(CORRELATION_ID));
        if (failure != null) {
            LOG.warnf("upgrade refused (%s) for session %s, correlation %s: %s", reason, session, correlation,
                    failure.toString());
        } else {
            LOG.infof("upgrade refused (%s) for session %s, correlation %s", reason, session, correlation);
        }
    }

    /** The refusals of a window that had no line of their own, in one line once it is over. */
    private void summarizeIn(Duration delay) {
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
            long now = System.nanoTime();
            refusals.summary(now).ifPresentOrElse(LOG::warn, () -> {
                if (refusals.summaryPending()) {
                    summarizeIn(refusals.untilSummary(now));
                }
            });
        });
    }

    private static Map<String, List<String>> headers(HttpServerRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : request.headers().names()) {
            headers.put(name, request.headers().getAll(name));
        }
        return headers;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    /** Header values reach the log only when they are the UUIDs they claim to be. */
    private static String sanitize(String value) {
        String trimmed = trimmed(value);
        return Uuids.isValid(trimmed) ? trimmed : "<invalid>";
    }
}
