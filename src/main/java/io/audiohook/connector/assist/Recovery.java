package io.audiohook.connector.assist;

import org.jboss.logging.Logger;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.dialogflow.v2beta1.Participant;

/**
 * How one participant recovers from streams that fail: which {@link StreamFailure} a failure is, how long to wait
 * before the next stream (consecutive failures back off, with jitter), whether the language falls back, and what
 * is counted and said. Each kind of trouble is said at WARN once per call; a participant given up is one WARN and
 * one metric. Not thread-safe: its {@link ParticipantStream} guards it.
 */
final class Recovery {
    private static final Logger LOG = Logger.getLogger(Recovery.class);

    /** What to do next, and after how long. */
    record Plan(StreamFailure failure, long delayNanos) {
    }

    private final String sessionId;
    private final Participant.Role role;
    private final AssistSettings settings;
    private final ParticipantCounters counters;
    private final AssistMetrics metrics;
    private final java.util.function.Consumer<String> languageRefused;
    private final CallWarnings warnings;
    private int failures;
    private int waits;
    private boolean fellBack;

    Recovery(String sessionId, Participant.Role role, StreamServices services, ParticipantCounters counters,
            CallWarnings warnings) {
        this.sessionId = sessionId;
        this.role = role;
        this.settings = services.settings();
        this.counters = counters;
        this.metrics = services.metrics();
        this.languageRefused = services.languageRefused();
        this.warnings = warnings;
    }

    /** A new language from Genesys gets its own chance. */
    void languageChanged() {
        fellBack = false;
    }

    /**
     * @param livedNanos how long the failed stream lived: a healthy one resets the backoff
     * @param language   the language the stream used
     */
    Plan failed(StatusCode.Code code, String description, long livedNanos, String language, String profileLanguage) {
        if (livedNanos >= settings.retry().healthyStream().toNanos()) {
            failures = 0;
            waits = 0;
        }
        boolean canFallBack = !fellBack && profileLanguage != null && !profileLanguage.equalsIgnoreCase(language);
        StreamFailure failure = StreamFailure.of(code, description, canFallBack);
        AssistSettings.Retry retry = settings.retry();
        switch (failure) {
            case SLOW_DOWN -> {
                counters.slowdowns.incrementAndGet();
                metrics.slowDown();
                warnings.warnOnce("pace", "session %s: Dialogflow says the %s audio came too fast; sending it at real "
                        + "time from now on", sessionId, role);
            }
            case WAIT -> warnings.warnOnce("wait-" + code, "session %s: Dialogflow refuses streams with %s (%s); the "
                    + "%s audio is kept (up to %d s) and the stream retried while the call lasts", sessionId, code,
                    code == StatusCode.Code.RESOURCE_EXHAUSTED ? "quota exhausted" : "no valid credentials", role,
                    settings.preSetupBuffer().toSeconds());
            case FALL_BACK_LANGUAGE -> {
                fellBack = true;
                counters.languageFallbacks.incrementAndGet();
                metrics.languageFallback();
                languageRefused.accept(language);
                LOG.warnf("session %s: Dialogflow refused the language %s for the %s participant; falling back to "
                        + "the profile's %s", sessionId, language, role, profileLanguage);
            }
            case GIVE_UP -> {
                counters.gaveUp = code.name();
                metrics.giveUp(code.name());
                LOG.warnf("session %s: Agent Assist stopped for the %s participant: Dialogflow refused its stream with "
                        + "%s, which a retry cannot fix", sessionId, role, code);
                return new Plan(failure, 0);
            }
            case RESTART -> {
            }
        }
        long delay = switch (failure) {
            case WAIT -> retry.waits().delayNanos(++waits);
            case FALL_BACK_LANGUAGE -> 0;
            default -> retry.transientErrors().delayNanos(++failures);
        };
        counters.restart(code.name());
        metrics.restart(code.name());
        if (failures + waits <= 1) {
            LOG.infof("session %s: %s stream ended with %s, reopening in %d ms", sessionId, role, code, delay / 1_000_000);
        } else {
            LOG.debugf("session %s: %s stream ended with %s again, reopening in %d ms", sessionId, role, code,
                    delay / 1_000_000);
        }
        return new Plan(failure, delay);
    }

    /** A stream that never became ready: counted, said once per call, tried again after the short backoff. */
    long stalled() {
        counters.stalls.incrementAndGet();
        metrics.stall();
        warnings.warnOnce("stall", "session %s: a Dialogflow stream for the %s participant could not start within %d "
                + "ms (no free stream on its connection, or no access token yet); trying again", sessionId, role,
                settings.streaming().startTimeout().toMillis());
        return settings.retry().transientErrors().delayNanos(++failures);
    }

    /**
     * The service ended a stream we had not half-closed (counted as a restart with OK): reopened at once after a
     * healthy stream, with the short backoff after a short one, so a service that keeps ending streams does not
     * burn the project's stream quota.
     */
    long endedByService(long livedNanos) {
        counters.restart(StatusCode.Code.OK.name());
        metrics.restart(StatusCode.Code.OK.name());
        if (livedNanos >= settings.retry().healthyStream().toNanos()) {
            failures = 0;
            return settings.retry().transientErrors().initial().toNanos();
        }
        return settings.retry().transientErrors().delayNanos(++failures);
    }
}
