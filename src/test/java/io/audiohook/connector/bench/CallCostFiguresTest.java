package io.audiohook.connector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The call cost benchmark's figures: which phase a CPU sample belongs to, and the fixed cost per call. */
class CallCostFiguresTest {
    private static final String C = "io.audiohook.connector.";
    private final CallPhases phases = new CallPhases();

    /** A stack, the running method first. */
    private static List<String> stack(String... frames) {
        return List.of(frames);
    }

    @Test
    void theInnermostMarkerNamesThePhase() {
        // a result's PUBLISH is publishing, though a gRPC response on the steady path led to it
        assertEquals(CallPhases.PUBLISHING, phases.phase(stack("com.fasterxml.jackson.core.JsonGenerator.writeString",
                C + "publish.UiConnectorEnvelope.render", C + "publish.RedisPublisher.publish",
                C + "assist.ResultEvents.publish", C + "assist.StreamAttempt.onResponse",
                "io.grpc.internal.ClientCallImpl$ClientStreamListenerImpl.messagesAvailable")));
        // a log line written while the call opens is logging
        assertEquals(CallPhases.LOGGING, phases.phase(stack("org.jboss.logmanager.formatters.JsonFormatter.format",
                "org.jboss.logging.Logger.infof", C + "protocol.OpenHandshake.answer",
                C + "protocol.ClientMessageDispatcher.onOpen", C + "web.LiveSessions.text")));
        // the last audio flushed at close is close, though it goes the steady path's way
        assertEquals(CallPhases.CLOSE, phases.phase(stack("com.google.protobuf.ByteString.copyFrom",
                C + "assist.StreamAttempt.send", C + "assist.AudioPump.pump", C + "assist.ParticipantStream.finish",
                C + "assist.AssistCall.closing", C + "web.LiveSessions.text")));
    }

    @Test
    void helpersTakeThePhaseOfAMarkerBelowThem() {
        assertEquals(CallPhases.CLOSE, phases.phase(stack("io.vertx.core.http.impl.WebSocketImplBase.writeTextMessage",
                C + "web.ConnectionTransport.sendText", C + "protocol.SerializedSender.sendLast",
                C + "protocol.SessionLifecycle.sendClosed")));
        // a pong: nothing but the steady path's entry
        assertEquals(CallPhases.STEADY, phases.phase(stack(C + "web.ConnectionTransport.sendText",
                C + "protocol.SerializedSender.send", C + "protocol.ClientMessageDispatcher.dispatch",
                C + "protocol.ProtocolSession.onText", C + "web.LiveSessions.text")));
        // no marker at all: the package of the connector's code
        assertEquals(CallPhases.STEADY, phases.phase(stack(C + "audio.MuLaw.decode", C + "audio.ChannelSplitter.split")));
        assertEquals(CallPhases.OTHER, phases.phase(stack(C + "console.ConsoleBoard.render")));
    }

    @Test
    void lambdasAndInnerClassesBelongToTheirMethodOrClass() {
        assertEquals(CallPhases.COMPLETION, phases.phase(stack(C + "assist.AssistCallFactory.lambda$send$2",
                "java.util.concurrent.CompletableFuture.uniHandle")));
        assertEquals(CallPhases.COMPLETION, phases.phase(stack(C + "assist.EndOfCallSummary$Request.<init>")));
        assertEquals(CallPhases.SETUP, phases.phase(stack(C + "assist.ConversationSetup$$Lambda$812+0x1.apply")));
        assertTrue(CallPhases.matches("a.b.Class$Inner.run", "a.b.Class"));
        assertFalse(CallPhases.matches("a.b.ClassX.run", "a.b.Class"));
        assertFalse(CallPhases.matches("a.b.Class.endAt", "a.b.Class.end"));
        assertTrue(CallPhases.matches("a.b.Class.lambda$end$0", "a.b.Class.end"));
        assertTrue(CallPhases.matches("a.b.c.D.e", "a.b."));
    }

    @Test
    void libraryOnlyStacksGoByTheLibraryTheyBelongTo() {
        assertEquals(CallPhases.GRPC_IO, phases.phase(stack("sun.nio.ch.SocketDispatcher.write",
                "io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoop.run", "java.lang.Thread.run")));
        assertEquals(CallPhases.REDIS_IO, phases.phase(stack("io.vertx.redis.client.impl.RESPParser.handle",
                "io.vertx.core.net.impl.NetSocketImpl.handleMessage", "io.netty.channel.nio.NioEventLoop.run")));
        assertEquals(CallPhases.WEBSOCKET_IO, phases.phase(stack("io.netty.buffer.PooledByteBuf.getBytes",
                "io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder.decode")));
        assertEquals(CallPhases.EVENT_LOOP_IO, phases.phase(stack("io.netty.channel.nio.NioEventLoop.run")));
        assertEquals(CallPhases.OTHER, phases.phase(stack("java.lang.Thread.run")));
        assertEquals(CallPhases.OTHER, phases.phase(List.of()));
    }

    @Test
    void everyRuleNamesAPhaseAndEveryConnectorPatternStillExists() throws ClassNotFoundException {
        List<String> missing = new ArrayList<>();
        for (CallPhases.Rule rule : Stream.of(CallPhases.MARKERS, CallPhases.CONNECTOR, CallPhases.IO).flatMap(List::stream).toList()) {
            assertTrue(CallPhases.ALL.contains(rule.phase()), rule.toString());
            String p = rule.pattern();
            if (!p.startsWith(C) || p.endsWith(".")) {
                continue;
            }
            String last = p.substring(p.lastIndexOf('.') + 1);
            boolean method = Character.isLowerCase(last.charAt(0)) || last.startsWith("<");
            String type = method ? p.substring(0, p.lastIndexOf('.')) : p;
            Class<?> c = Class.forName(type, false, getClass().getClassLoader()); // loaded, not initialized
            if (method && !last.equals("<init>") && Stream.of(c.getDeclaredMethods()).map(Method::getName).noneMatch(last::equals)) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            fail("renamed or gone: " + missing);
        }
    }

    @Test
    void theFixedCostIsTheInterceptOfCpuPerCallOverCallLength() {
        // 5 ms per call, then 2.2 ms per call-second
        List<FixedCost.Fit> fits = FixedCost.fit(List.of(new FixedCost.Round(300, 30, 71), new FixedCost.Round(300, 10, 27),
                new FixedCost.Round(1000, 10, 20)));
        assertEquals(1, fits.size(), "1000 calls have one length only");
        assertEquals(300, fits.get(0).calls());
        assertEquals(List.of(10, 30), fits.get(0).seconds());
        assertEquals(5.0, fits.get(0).fixedMsPerCall(), 1e-9);
        assertEquals(2.2, fits.get(0).steadyMsPerCallSecond(), 1e-9);
    }

    @Test
    void moreThanTwoLengthsAreFittedByLeastSquares() {
        // points 4 + 1 × S off by +1, -2, +1: the line through them is unchanged
        List<FixedCost.Fit> fits = FixedCost.fit(List.of(new FixedCost.Round(100, 10, 15),
                new FixedCost.Round(100, 20, 22), new FixedCost.Round(100, 30, 35)));
        assertEquals(4.0, fits.get(0).fixedMsPerCall(), 1e-9);
        assertEquals(1.0, fits.get(0).steadyMsPerCallSecond(), 1e-9);
    }
}
