package io.audiohook.connector.call;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.zip.CRC32;

import io.audiohook.connector.protocol.SessionEnd;

/**
 * A backend that only keeps a compact record of each call: audio volume and checksum per channel and the
 * sequence of protocol events. It is what runs until a real backend is plugged in, and what tests read
 * to see exactly what the session layer handed over. Memory is bounded: at most {@code maxCalls} records,
 * each with at most {@link #MAX_EVENTS} events.
 */
public final class CallRecorder implements CallListenerFactory {
    public static final int MAX_EVENTS = 256;

    private final int maxCalls;
    private final Map<String, CallRecord> calls = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> order = new ConcurrentLinkedDeque<>();

    public CallRecorder(int maxCalls) {
        this.maxCalls = maxCalls;
    }

    @Override
    public CallListener create(CallInfo call, CallControl control) {
        CallRecord record = new CallRecord(call);
        calls.put(call.sessionId(), record);
        order.addLast(call.sessionId());
        while (order.size() > maxCalls) {
            String oldest = order.pollFirst();
            if (oldest != null) {
                calls.remove(oldest);
            }
        }
        return record;
    }

    public Optional<CallRecord> call(String sessionId) {
        return Optional.ofNullable(calls.get(sessionId));
    }

    public Collection<CallRecord> calls() {
        return List.copyOf(calls.values());
    }

    /** The record of one call; readable from any thread while the call goes on. */
    public static final class CallRecord implements CallListener {
        private final CallInfo info;
        private final long[] bytes = new long[2];
        private final long[] frames = new long[2];
        private final CRC32[] checksums = { new CRC32(), new CRC32() };
        private final long[] firstPosition = { -1, -1 };
        private long lastPosition = -1;
        private final List<String> events = new ArrayList<>();
        private volatile SessionEnd end;

        CallRecord(CallInfo info) {
            this.info = info;
        }

        public CallInfo info() {
            return info;
        }

        @Override
        public synchronized void audio(ChannelAudio audio) {
            int i = audio.index();
            bytes[i] += audio.data().length;
            frames[i]++;
            checksums[i].update(audio.data());
            if (firstPosition[i] < 0) {
                firstPosition[i] = audio.position();
            }
            lastPosition = audio.position();
        }

        @Override
        public void paused(long position) {
            event("paused@" + position);
        }

        @Override
        public void resumed(long position) {
            event("resumed@" + position);
        }

        @Override
        public void discarded(long gapSamples, long position) {
            event("discarded " + gapSamples + "@" + position);
        }

        @Override
        public void languageChanged(String language, long position) {
            event("language " + language + "@" + position);
        }

        @Override
        public void clientError(int code, OptionalLong retryAfterNanos) {
            event("error " + code);
        }

        @Override
        public CompletionStage<Void> closing(String reason) {
            event("closing " + reason);
            return CallListener.super.closing(reason);
        }

        @Override
        public void ended(SessionEnd end) {
            this.end = end;
            event("ended " + end.outcome().metricName() + end.closeReason().map(r -> " " + r).orElse(""));
        }

        public synchronized long bytes(int channelIndex) {
            return bytes[channelIndex];
        }

        public synchronized long frames(int channelIndex) {
            return frames[channelIndex];
        }

        public synchronized long checksum(int channelIndex) {
            return checksums[channelIndex].getValue();
        }

        public synchronized long firstPosition(int channelIndex) {
            return firstPosition[channelIndex];
        }

        /** Stream position of the last frame received, in samples. */
        public synchronized long lastPosition() {
            return lastPosition;
        }

        public synchronized List<String> events() {
            return List.copyOf(events);
        }

        public Optional<SessionEnd> end() {
            return Optional.ofNullable(end);
        }

        private synchronized void event(String event) {
            if (events.size() < MAX_EVENTS) {
                events.add(event);
            }
        }
    }
}
