package io.audiohook.connector.emulator;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.grpc.Status;

/**
 * Runtime control and observation of the emulator, for tests, demos and benchmarks that run in the
 * same JVM. Injected faults and overrides win over configuration until {@link #reset()}; what the
 * emulator saw is kept per participant and per conversation, so a test can compare it with what its
 * client sent.
 */
@ApplicationScoped
public class EmulatorControl {

    @Inject
    EmulatorConfig config;
    @Inject
    ConversationStore store;

    private final AtomicLong streamsOpened = new AtomicLong();
    private Status.Code failCode;
    private int failCount;
    private Status.Code failLaterCode;
    private Duration failLaterAfter;
    private volatile Duration unaryLatency;
    private volatile Duration summaryLatency;
    private volatile Duration streamLimit;
    private volatile Duration audioTimeout;
    private volatile Integer streamsPerMinute;
    private volatile Double maxPaceRate;
    private volatile Duration paceBurst;
    private volatile AudioRateCheck.Limits audioRate;
    private final StreamQuota quota = new StreamQuota(this::streamsPerMinute);
    private volatile Auth auth;

    /** Whether calls need a bearer token, and where tokens are checked (any token is valid without one). */
    record Auth(boolean required, Optional<URI> tokeninfoUrl) {
    }

    /** How one stream is to fail, decided when its configuration request was accepted. */
    record StreamPlan(long number, Status.Code failNow, Status.Code failLater, Duration failLaterAfter) {
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The next {@code count} streams fail with {@code code} right after their (valid) configuration request. */
    public synchronized void failStreams(Status.Code code, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        failCode = count == 0 ? null : Objects.requireNonNull(code);
        failCount = count;
    }

    /** The next stream fails with {@code code} once it has received {@code afterAudio} of audio. */
    public synchronized void failStreamAfter(Status.Code code, Duration afterAudio) {
        failLaterCode = Objects.requireNonNull(code);
        failLaterAfter = Objects.requireNonNull(afterAudio);
    }

    public void setUnaryLatency(Duration latency) {
        unaryLatency = Objects.requireNonNull(latency);
    }

    /**
     * Added to SuggestConversationSummary and GenerateSuggestions on top of the unary latency: slow summaries
     * without slow setup. None unless set.
     */
    public void setSummaryLatency(Duration latency) {
        summaryLatency = Objects.requireNonNull(latency);
    }

    /** Applies to streams opened from now on. */
    public void setStreamLimit(Duration limit) {
        streamLimit = Objects.requireNonNull(limit);
    }

    /** Applies to streams opened from now on. */
    public void setAudioTimeout(Duration timeout) {
        audioTimeout = Objects.requireNonNull(timeout);
    }

    /** Applies from now on; streams already counted in the last minute stay counted. */
    public void setStreamsPerMinute(int perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("quota must not be negative: " + perMinute);
        }
        streamsPerMinute = perMinute;
    }

    /** Applies to streams opened from now on: audio may run {@code rate} times ahead of real time plus {@code burst}. */
    public void setPace(double rate, Duration burst) {
        maxPaceRate = rate;
        paceBurst = Objects.requireNonNull(burst);
    }

    /**
     * Applies to streams opened from now on: a stream older than {@code after} whose audio arrives at about half or
     * twice its declared rate (within {@code tolerance}) for {@code window}, measured over a trailing {@code window},
     * is refused.
     */
    public void setAudioRateCheck(Duration after, Duration window, double tolerance) {
        audioRate = new AudioRateCheck.Limits(after.toNanos(), window.toNanos(), tolerance);
    }

    /** Applies to calls from now on, as {@code connector.emulator.auth.*} would. */
    public void requireBearerTokens(boolean required, Optional<URI> tokeninfoUrl) {
        auth = new Auth(required, Objects.requireNonNull(tokeninfoUrl));
    }

    Auth auth() {
        Auth override = auth;
        return override != null ? override : new Auth(config.auth().required(), config.auth().tokeninfoUrl());
    }

    /** Drops pending faults and overrides: latency and limits are those of the configuration again. State stays. */
    public synchronized void reset() {
        auth = null;
        streamsPerMinute = null;
        maxPaceRate = null;
        paceBurst = null;
        audioRate = null;
        failCode = null;
        failCount = 0;
        failLaterCode = null;
        failLaterAfter = null;
        unaryLatency = null;
        summaryLatency = null;
        streamLimit = null;
        audioTimeout = null;
    }

    /** Forgets every conversation, participant and counter, as if the emulator had just started. */
    public synchronized void forgetAll() {
        store.clear();
        quota.clear();
        streamsOpened.set(0);
    }

    public Duration unaryLatency() {
        Duration override = unaryLatency;
        return override != null ? override : config.latency();
    }

    public Duration summaryLatency() {
        Duration override = summaryLatency;
        return override != null ? override : Duration.ZERO;
    }

    public Duration streamLimit() {
        Duration override = streamLimit;
        return override != null ? override : config.streamLimit();
    }

    public Duration audioTimeout() {
        Duration override = audioTimeout;
        return override != null ? override : config.audioTimeout();
    }

    public int streamsPerMinute() {
        Integer override = streamsPerMinute;
        return override != null ? override : config.rules().streamsPerMinute();
    }

    /** Streams the project opened in the last minute, as the quota counts them. */
    public int quotaUsed(String project) {
        return quota.used(project, System.nanoTime());
    }

    /** The rules in force for a stream opening now. */
    StreamRules rules() {
        EmulatorConfig.Rules rules = config.rules();
        Double rate = maxPaceRate;
        Duration burst = paceBurst;
        AudioRateCheck.Limits audioRateOverride = audioRate;
        return new StreamRules(rules.maxAudioBytesPerRequest(), rate != null ? rate : rules.maxPaceRate(),
                (burst != null ? burst : rules.paceBurst()).toNanos(), StreamRules.lowerCase(rules.languages()),
                StreamRules.lowerCase(rules.models()), streamLimit().toNanos(), rules.extendedStreamLimit().toNanos(),
                audioTimeout().toNanos(), audioRateOverride != null ? audioRateOverride
                        : new AudioRateCheck.Limits(rules.audioRateAfter().toNanos(),
                                rules.audioRateWindow().toNanos(), rules.audioRateTolerance()));
    }

    /** Counts a stream against its project's quota; false when the quota is used up. */
    boolean tryOpenStream(String project) {
        return quota.tryAcquire(project, System.nanoTime());
    }

    public Optional<ParticipantStats> participant(String name) {
        return store.participantStats(name);
    }

    public Optional<ConversationStats> conversation(String name) {
        return store.conversationStats(name);
    }

    public long conversationsCreated() {
        return store.conversationsCreated();
    }

    /** Streams whose configuration request was accepted, since start or {@link #forgetAll()}. */
    public long streamsOpened() {
        return streamsOpened.get();
    }

    synchronized StreamPlan streamOpened() {
        long number = streamsOpened.incrementAndGet();
        Status.Code failNow = null;
        if (failCount > 0) {
            failNow = failCode;
            if (--failCount == 0) {
                failCode = null;
            }
        } else if (config.fault().code().isPresent() && config.fault().onStream() == number) {
            failNow = config.fault().code().get();
        }
        Status.Code later = null;
        Duration after = null;
        if (failNow == null && failLaterCode != null) {
            later = failLaterCode;
            after = failLaterAfter;
            failLaterCode = null;
            failLaterAfter = null;
        }
        return new StreamPlan(number, failNow, later, after);
    }
}
