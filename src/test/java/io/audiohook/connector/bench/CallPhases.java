package io.audiohook.connector.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which part of a call's life a CPU sample of the connector belongs to, from the frames on its stack.
 *
 * <p>The rules are patterns of frames ({@code package.}, {@code package.Class} with its inner and lambda classes, or
 * {@code package.Class.method} with its lambdas), each naming a phase, in three tiers:
 * <ol>
 * <li>{@link #MARKERS}: the connector's entry points and classes that belong to one phase (the open handshake, the
 * conversation setup, the publisher, ...), the logging libraries and Vert.x/Netty's WebSocket handshake;</li>
 * <li>{@link #CONNECTOR}: the rest of the connector's code by package (helpers any phase calls, such as the
 * serialized sender or the metrics);</li>
 * <li>{@link #IO}: library code on a stack with no connector frame at all (a gRPC thread parsing a response, an
 * event loop decoding a WebSocket frame, the Redis client reading a reply, an HTTP request before it reaches the
 * upgrade check), which cannot be told apart by phase: by the library the stack belongs to.</li>
 * </ol>
 * In tiers 1 and 2 a sample goes to the first frame <em>from the top of the stack</em> (the running method first)
 * that a rule of the tier matches, and within a tier the first rule that matches a frame names its phase (so the
 * specific rules come before the general ones). From the top, because the innermost marker says most: the Redis
 * PUBLISH of a result is publishing though a gRPC response started it, a log line written while a call opens is
 * logging, flushing the last audio at {@code close} is close. Tier 3 takes the first of its rules that matches any
 * frame (gRPC's shaded Netty reads through {@code sun.nio}, as does the event loops' own). Else "other".
 */
final class CallPhases {
    static final String UPGRADE = "upgrade + auth";
    static final String OPEN = "open";
    static final String SETUP = "conversation setup";
    static final String STREAM_OPEN = "stream open";
    static final String STEADY = "steady streaming";
    static final String CLOSE = "close";
    static final String COMPLETION = "completion";
    static final String PUBLISHING = "publishing";
    static final String LOGGING = "logging";
    static final String WEBSOCKET_IO = "WebSocket I/O (no connector frame)";
    static final String GRPC_IO = "gRPC I/O (no connector frame)";
    static final String REDIS_IO = "Redis I/O (no connector frame)";
    static final String EVENT_LOOP_IO = "other I/O (Netty, Vert.x, NIO)";
    static final String OTHER = "other";
    /** Every phase, in the order of a call's life; the order of the tables. */
    static final List<String> ALL = List.of(UPGRADE, OPEN, SETUP, STREAM_OPEN, STEADY, CLOSE, COMPLETION, PUBLISHING,
            LOGGING, WEBSOCKET_IO, GRPC_IO, REDIS_IO, EVENT_LOOP_IO, OTHER);

    record Rule(String pattern, String phase) {
    }

    private static final String C = "io.audiohook.connector.";

    static final List<Rule> MARKERS = rules(
            LOGGING, "org.jboss.logmanager.", "org.jboss.logging.", "io.quarkus.logging.", "io.quarkus.bootstrap.logging.",
            C + "log.", C + "app.JsonLogFields",
            // before the publish package: Redis commands of the upgrade and of the ledger
            UPGRADE, C + "auth.", C + "web.UpgradeGuard", C + "publish.RedisNonceStore",
            "io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker", "io.netty.handler.codec.http.HttpObjectDecoder",
            "io.vertx.core.http.impl.ServerWebSocketHandshaker", "io.vertx.core.http.impl.Http1xServerRequest.toWebSocket",
            "io.vertx.core.http.impl.Http1xServerConnection.createWebSocket",
            "io.quarkus.websockets.next.runtime.WebSocketServerRecorder",
            SETUP, C + "assist.ConversationSetup", C + "assist.AssistCall.attemptSetup", C + "assist.AssistCall.setUp",
            C + "assist.AssistCall.setupFailed", C + "assist.ConversationCompletions.hold",
            C + "publish.RedisConversationLedger.hold",
            COMPLETION, C + "assist.AssistCallFactory.ended", C + "assist.AssistCallFactory.endOfConversation",
            C + "assist.AssistCallFactory.complete", C + "assist.AssistCallFactory.completeClaimed",
            C + "assist.AssistCallFactory.send", C + "assist.EndOfCallSummary", C + "assist.SummaryRequests",
            C + "assist.SummaryGenerators", C + "assist.ConversationSummary", C + "assist.EndedConversations",
            C + "assist.CarriedMessages", C + "assist.ConversationCompletions", C + "assist.LocalConversationLedger",
            C + "publish.RedisConversationLedger", C + "publish.LedgerScripts",
            OPEN, C + "protocol.OpenHandshake", C + "protocol.ClientMessageDispatcher.onOpen",
            C + "protocol.ClientMessageCodec.open", C + "protocol.ClientMessageCodec.mediaOffer", C + "protocol.MediaSelector",
            C + "protocol.ServerMessages.opened", C + "protocol.ProtocolSession.<init>", C + "call.CallSession.<init>",
            C + "call.CallSession.admit", C + "call.CallSession.opened", C + "call.CallConfig", C + "call.LanguageSupport",
            C + "call.TeeCallListenerFactory.create", C + "call.CallRecorder.create", C + "web.LiveSessions.opened",
            C + "web.AudioHookSocket.open", C + "assist.AssistCallFactory.create", C + "assist.AssistCallFactory.start",
            C + "assist.AssistCallFactory.remember", C + "assist.AssistCall.<init>", C + "assist.AssistCall.begin",
            C + "transcript.TranscriptionCalls.create",
            STREAM_OPEN, C + "assist.ParticipantStream.start", C + "assist.ParticipantStream.openSoon",
            C + "assist.ParticipantStream.openScheduled", C + "assist.ParticipantStream.recycle", C + "assist.LiveStreams.open",
            C + "assist.GrpcStreamTransport.open", C + "assist.CurrentStream.open", C + "assist.CurrentStream.recycle",
            C + "assist.StreamAttempt.<init>", C + "assist.StreamRequests.config", C + "assist.ChannelPool",
            C + "assist.StreamTargets", C + "assist.ParticipantAudio.streamOpened",
            C + "assist.ParticipantAudio.replayAfterLastFinal",
            CLOSE, C + "protocol.ClientMessageDispatcher.onClose", C + "protocol.ProtocolSession.onSocketClosed",
            C + "protocol.SessionLifecycle", C + "protocol.ServerMessages.closed", C + "protocol.SerializedSender.sendLast",
            C + "call.CallSession.closing", C + "call.CallSession.closed", C + "call.CallSession.ended",
            C + "assist.AssistCall.closing", C + "assist.AssistCall.closed", C + "assist.AssistCall.ended",
            C + "assist.ParticipantStreams.finish", C + "assist.ParticipantStream.finish",
            C + "assist.ParticipantStream.finishTimedOut", C + "assist.ParticipantStream.end",
            C + "assist.ParticipantStream.stop", C + "assist.ParticipantStream.checkFinished",
            C + "assist.ParticipantStream.onComplete", C + "assist.ParticipantFinish", C + "assist.CurrentStream.stop",
            C + "assist.CurrentStream.completed", C + "assist.LiveStreams.halfCloseCurrent",
            C + "assist.LiveStreams.cancelCurrent", C + "assist.LiveStreams.cancelLeftoversAfter",
            C + "assist.StreamAttempt.halfClose", C + "assist.StreamAttempt.cancel", C + "assist.StreamAttempt.onComplete",
            C + "assist.CallWarnings", C + "web.LiveSessions.closed", C + "web.LiveSessions.release",
            C + "web.LiveSessions.failed", C + "web.AudioHookSocket.close",
            PUBLISHING, C + "publish.", C + "transcript.",
            // the steady path's entry points only: its workers (the pump, a stream's send) serve close and stream
            // open too, and take the phase of the entry point below them
            STEADY, C + "web.LiveSessions", C + "web.AudioHookSocket", C + "protocol.ProtocolSession.onBinary",
            C + "protocol.ProtocolSession.onTick", C + "call.CallSession.audio", C + "assist.ParticipantStream.audio",
            C + "assist.ParticipantStream.drainTick", C + "assist.StreamAttempt.onResponse", C + "assist.ResultEvents",
            OTHER, "io.quarkus.micrometer.runtime.export.", "io.micrometer.prometheusmetrics.", "io.prometheus.");

    static final List<Rule> CONNECTOR = rules(
            STEADY, C + "protocol.", C + "call.", C + "audio.", C + "assist.",
            OTHER, C);

    static final List<Rule> IO = rules(
            GRPC_IO, "io.grpc.", "com.google.api.gax.", "com.google.protobuf.", "io.perfmark.",
            REDIS_IO, "io.vertx.redis.", "io.quarkus.redis.", "io.vertx.mutiny.redis.",
            WEBSOCKET_IO, "io.netty.handler.codec.http.websocketx.", "io.vertx.core.http.impl.WebSocket",
            "io.vertx.core.http.impl.ServerWebSocket", "io.quarkus.websockets.next.",
            // HTTP requests: the upgrades, and the few metrics scrapes of the benchmark's wait for completions
            UPGRADE, "io.vertx.ext.web.", "io.quarkus.vertx.http.", "io.vertx.core.http.impl.Http1xServerRequest",
            EVENT_LOOP_IO, "io.netty.", "io.vertx.", "sun.nio.ch.");

    /** Rules from a flat list: a phase name (one of {@link #ALL}) starts the patterns that follow it. */
    private static List<Rule> rules(String... phasesAndPatterns) {
        List<Rule> rules = new ArrayList<>();
        String phase = null;
        for (String s : phasesAndPatterns) {
            if (ALL.contains(s)) {
                phase = s;
            } else {
                rules.add(new Rule(s, phase));
            }
        }
        return List.copyOf(rules);
    }

    private static final List<List<Rule>> TIERS = List.of(MARKERS, CONNECTOR, IO);
    /** Tier by tier, the index of the first rule that matches a frame (-1: none). Frames recur: cached. */
    private final List<Map<String, Integer>> cache = List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
            new ConcurrentHashMap<>());

    /** The phase of a sample; {@code frames} as {@code package.Class.method}, the running method first. */
    String phase(List<String> frames) {
        for (int tier = 0; tier < TIERS.size(); tier++) {
            List<Rule> rules = TIERS.get(tier);
            Map<String, Integer> known = cache.get(tier);
            int best = -1;
            for (String frame : frames) {
                int rule = known.computeIfAbsent(frame, f -> firstMatch(rules, f));
                if (rule >= 0 && rules != IO) {
                    return rules.get(rule).phase(); // the first frame from the top
                }
                if (rule >= 0 && (best < 0 || rule < best)) {
                    best = rule; // tier 3: the first rule, whichever frame
                }
            }
            if (best >= 0) {
                return rules.get(best).phase();
            }
        }
        return OTHER;
    }

    private static int firstMatch(List<Rule> rules, String frame) {
        for (int i = 0; i < rules.size(); i++) {
            if (matches(frame, rules.get(i).pattern())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code pkg.} matches everything below it; {@code pkg.Class} the class, its inner classes and lambdas;
     * {@code pkg.Class.method} (lower case or {@code <init>}) the method and the lambdas written in it.
     */
    static boolean matches(String frame, String pattern) {
        if (pattern.endsWith(".")) {
            return frame.startsWith(pattern);
        }
        String last = pattern.substring(pattern.lastIndexOf('.') + 1);
        boolean method = !last.isEmpty() && (Character.isLowerCase(last.charAt(0)) || last.startsWith("<"));
        if (method) {
            String type = pattern.substring(0, pattern.length() - last.length());
            return frame.equals(pattern) || frame.startsWith(type + "lambda$" + last + "$");
        }
        return frame.startsWith(pattern) && (frame.length() == pattern.length()
                || frame.charAt(pattern.length()) == '.' || frame.charAt(pattern.length()) == '$');
    }
}
