package io.audiohook.connector.console;

import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;

import io.audiohook.connector.call.CallControl;
import io.audiohook.connector.call.CallInfo;
import io.audiohook.connector.call.CallListener;
import io.audiohook.connector.call.CallListenerFactory;
import io.audiohook.connector.call.ChannelAudio;
import io.audiohook.connector.protocol.DisconnectReason;
import io.audiohook.connector.protocol.SessionEnd;

/**
 * Watches every call for the console, beside its real backend: the protocol's events on the call's time line, its
 * state, and, while anyone watches, the level of each channel's audio about once per tick. Everything runs on the call's event loop
 * and is short; nothing is ever awaited.
 */
public final class ConsoleCalls implements CallListenerFactory {
    /**
     * How often a channel's level is measured while someone watches: the list, meters included, is sent once per
     * tick (1 s by default), so measuring more often is work nobody sees.
     */
    static final long LEVEL_INTERVAL_MILLIS = 1000;

    private final ConsoleBoard board;

    public ConsoleCalls(ConsoleBoard board) {
        this.board = board;
    }

    @Override
    public CallListener create(CallInfo info, CallControl control) {
        return new Watched(board, board.started(info));
    }

    private record Watched(ConsoleBoard board, BoardCall call) implements CallListener {
        @Override
        public void audio(ChannelAudio audio) {
            if (board.watched() && call.levelDue(audio.index(), board.now(), LEVEL_INTERVAL_MILLIS)) {
                call.level(audio.index(), AudioLevel.dbfs(audio.format(), audio.data()));
            }
        }

        @Override
        public void paused(long position) {
            call.state("paused");
            protocol("paused", null);
        }

        @Override
        public void resumed(long position) {
            call.state("active");
            protocol("resumed", null);
        }

        @Override
        public void discarded(long gapSamples, long position) {
            protocol("discarded", gapSamples / 8 + " ms of audio the client dropped");
        }

        @Override
        public void languageChanged(String language, long position) {
            protocol("update", "language " + language);
        }

        @Override
        public void clientError(int code, OptionalLong retryAfterNanos) {
            protocol("error", "the client reported error " + code);
        }

        @Override
        public CompletionStage<Void> closing(String reason) {
            call.state("closing");
            protocol("close", "reason " + reason);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void closed(String reason) {
            protocol("closed", null);
        }

        @Override
        public void ended(SessionEnd end) {
            String outcome = end.outcome().metricName().replace('_', ' ') + end.closeReason()
                    .or(() -> end.disconnectReason().map(DisconnectReason::wireName)).map(r -> " (" + r + ")")
                    .orElse("");
            protocol("ended", outcome);
            board.ended(call, outcome);
        }

        private void protocol(String what, String detail) {
            board.record(call, new TimelineEntry(board.now(), "protocol", null, what, detail));
        }
    }
}
