package io.audiohook.connector.call;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.audiohook.connector.protocol.SessionEnd;

/**
 * Hands every call to two backends: the real one first, then an observer such as the {@link CallRecorder}.
 * {@code closing} completes when both have.
 */
public final class TeeCallListenerFactory implements CallListenerFactory {
    private final CallListenerFactory primary;
    private final CallListenerFactory observer;

    public TeeCallListenerFactory(CallListenerFactory primary, CallListenerFactory observer) {
        this.primary = primary;
        this.observer = observer;
    }

    @Override
    public CallListener create(CallInfo call, CallControl control) {
        return tee(primary.create(call, control), observer.create(call, control));
    }

    /** One listener that hands every callback to {@code first}, then to {@code second}. */
    public static CallListener tee(CallListener first, CallListener second) {
        return new Tee(first, second);
    }

    private record Tee(CallListener a, CallListener b) implements CallListener {
        @Override
        public void audio(ChannelAudio audio) {
            a.audio(audio);
            b.audio(audio);
        }

        @Override
        public void paused(long position) {
            a.paused(position);
            b.paused(position);
        }

        @Override
        public void resumed(long position) {
            a.resumed(position);
            b.resumed(position);
        }

        @Override
        public void discarded(long gapSamples, long position) {
            a.discarded(gapSamples, position);
            b.discarded(gapSamples, position);
        }

        @Override
        public void languageChanged(String language, long position) {
            a.languageChanged(language, position);
            b.languageChanged(language, position);
        }

        @Override
        public void clientError(int code, OptionalLong retryAfterNanos) {
            a.clientError(code, retryAfterNanos);
            b.clientError(code, retryAfterNanos);
        }

        @Override
        public CompletionStage<Void> closing(String reason) {
            CompletableFuture<Void> first = a.closing(reason).toCompletableFuture();
            CompletableFuture<Void> second = b.closing(reason).toCompletableFuture();
            return CompletableFuture.allOf(first, second);
        }

        @Override
        public void closed(String reason) {
            try {
                a.closed(reason);
            } finally {
                b.closed(reason);
            }
        }

        @Override
        public void ended(SessionEnd end) {
            try {
                a.ended(end);
            } finally {
                b.ended(end);
            }
        }
    }
}
