package io.audiohook.connector.web.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.audiohook.connector.call.CallInfo;
import io.audiohook.connector.console.BoardCall;
import io.audiohook.connector.console.CallProbe;
import io.audiohook.connector.console.CallSummary;
import io.audiohook.connector.console.ConsoleBoard;
import io.audiohook.connector.protocol.Channel;
import io.audiohook.connector.protocol.MediaOffer;
import io.audiohook.connector.protocol.SessionState;
import io.audiohook.connector.web.LiveSession;

/** Every call of this instance as the console's list shows it: the live sessions, then the recently ended calls. */
final class ConsoleSummaries {
    private ConsoleSummaries() {
    }

    static List<CallSummary> of(ConsoleBoard board, CallProbe probe, List<LiveSession> sessions, long nowMillis) {
        String instance = board.settings().instanceId();
        List<CallSummary> calls = new ArrayList<>();
        for (LiveSession live : sessions) {
            calls.add(live(board, probe, live, instance, nowMillis));
        }
        for (BoardCall ended : board.ended()) {
            calls.add(ended(ended, instance));
        }
        return calls;
    }

    private static CallSummary live(ConsoleBoard board, CallProbe probe, LiveSession live, String instance,
            long nowMillis) {
        String sessionId = live.protocol().sessionId();
        Optional<BoardCall> watched = board.call(sessionId);
        Optional<CallInfo> info = live.call().info();
        Optional<MediaOffer> media = live.protocol().media();
        long started = live.started().toEpochMilli();
        List<String> channels = media.map(m -> m.channels().stream().map(Channel::wireName).toList()).orElse(List.of());
        List<Double> levels = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            double level = watched.isPresent() ? watched.get().level(i) : Double.NEGATIVE_INFINITY;
            levels.add(Double.isInfinite(level) ? null : Math.round(level * 10) / 10.0);
        }
        return new CallSummary(sessionId,
                live.protocol().openParameters().map(o -> o.conversationId()).orElse(null), instance,
                state(live), live.call().mode().wireName(), started, Math.max(0, nowMillis - started),
                media.map(ConsoleSummaries::media).orElse(null), channels, levels,
                live.protocol().counters().droppedFrames(),
                info.map(i -> probe.streams(sessionId)).orElse(Map.of()),
                info.map(probe::desktop).orElse("off"), null, 0);
    }

    private static CallSummary ended(BoardCall call, String instance) {
        CallInfo info = call.info();
        return new CallSummary(info.sessionId(), info.conversationId(), instance, "ended", info.mode().wireName(),
                call.startedMillis(), Math.max(0, call.endedMillis() - call.startedMillis()), media(info.media()),
                info.media().channels().stream().map(Channel::wireName).toList(), List.of(), 0, Map.of(), "off",
                call.outcome(), call.endedMillis());
    }

    private static String state(LiveSession live) {
        if (live.call().isProbe()) {
            return "probe";
        }
        SessionState state = live.protocol().state();
        return switch (state) {
            case PREPARING -> "opening";
            case ACTIVE -> "active";
            case PAUSED -> "paused";
            case CLOSING, CLOSED, DISCONNECTING -> "closing";
            case ENDED -> "ended";
        };
    }

    private static String media(MediaOffer media) {
        return media.format().name() + " " + media.rate() + " Hz";
    }

    static long now() {
        return Instant.now().toEpochMilli();
    }
}
