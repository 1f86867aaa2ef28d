package io.audiohook.connector.web;

import org.jboss.logging.Logger;

import io.audiohook.connector.protocol.ProtocolViolation;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.timeout.IdleStateEvent;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;

/**
 * Sits in an admitted AudioHook connection's Netty pipeline, just ahead of Vert.x, so that what Vert.x would answer
 * by dropping the TCP connection gets the protocol's answer instead.
 *
 * <ul>
 * <li>A frame the WebSocket decoder refuses (over the frame limit: 1009; broken fragment sequence, unmasked,
 * reserved bits: 1002) and a text frame that is not UTF-8 (1007, checked by Netty's {@link Utf8FrameValidator}, which
 * Vert.x leaves out) is handed to Vert.x as the WebSocket's failure, without the close Vert.x would do at once: it
 * reaches {@link AudioHookSocket}'s {@code @OnError}, and the session answers {@code disconnect} and closes with the
 * code. The TCP connection closes as soon as that close frame is out: the connection has failed, and no close
 * transaction is waited for (after a refused frame the decoder discards whatever the client sends).</li>
 * <li>More than {@link #MAX_PINGS_PER_SECOND} WebSocket pings within a second: the pings beyond are not answered and
 * the connection fails with 1008, so pongs stay bounded and a flood costs one event loop nothing much.</li>
 * <li>A client that does not read what it is sent: once more than {@link #MAX_UNSENT_BYTES} wait for it (beyond what
 * the kernel's socket buffer holds), the connection is closed (it reads nothing, so no close frame could reach it),
 * counted in {@code audiohook_connections_not_reading_total}. Without this, every ping of a client that never reads
 * grew the server's heap by its pong: a few such clients ran a 512 MB connector out of memory.</li>
 * <li>The HTTP idle timeout ({@code quarkus.http.idle-timeout}) stops applying once the connection is a WebSocket:
 * from there the AudioHook timeouts (open, idle, disconnect, linger) end it, each with its protocol answer.</li>
 * </ul>
 */
final class FrameGuard extends ChannelDuplexHandler {
    static final int MAX_PINGS_PER_SECOND = 20;
    static final long MAX_UNSENT_BYTES = 256 * 1024;
    private static final Logger LOG = Logger.getLogger(FrameGuard.class);
    /** The names Vert.x gives its own handler and Netty the WebSocket decoder. */
    private static final String VERTX_HANDLER = "handler";
    private static final String WEBSOCKET_DECODER = "wsdecoder";

    private final Counter notReading;
    private long windowStart = System.nanoTime();
    private int pingsInWindow;
    private boolean flooded;
    private boolean failed;
    private boolean unread;

    private FrameGuard(Counter notReading) {
        this.notReading = notReading;
    }

    /**
     * Puts the guard, a UTF-8 check of text frames and the {@link MessageBacklog} into the pipeline of the request
     * about to be upgraded.
     */
    static void install(HttpServerRequest request, Counter notReading) {
        if (!(request.connection() instanceof ConnectionBase connection)) {
            return;
        }
        ChannelPipeline pipeline = connection.channel().pipeline();
        if (pipeline.get(VERTX_HANDLER) == null || pipeline.get(FrameGuard.class) != null) {
            LOG.debugf("no Vert.x handler in the pipeline %s: frames are not guarded", pipeline.names());
            return;
        }
        // Inbound order after the upgrade: wsdecoder (where the HTTP decoder was), UTF-8 check, guard, backlog, Vert.x.
        pipeline.addBefore(VERTX_HANDLER, "audiohookUtf8", new Utf8FrameValidator(false));
        FrameGuard guard = new FrameGuard(notReading);
        pipeline.addBefore(VERTX_HANDLER, "audiohookFrameGuard", guard);
        pipeline.addBefore(VERTX_HANDLER, "audiohookBacklog", new MessageBacklog(guard));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof PingWebSocketFrame ping && tooManyPings()) {
            ping.release();
            if (!flooded) {
                flooded = true;
                fail(ctx, ClientFlood.of(ProtocolViolation.TOO_MANY_PINGS));
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof CorruptedWebSocketFrameException refused && fail(ctx, refused)) {
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    /** After a failure, the close frame is the last thing the connection carries. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (failed && msg instanceof CloseWebSocketFrame) {
            ChannelPromise written = promise.unvoid();
            // closed from here, below Vert.x: its own close would wait for the client's close frame, never decoded
            written.addListener(done -> ctx.close());
            ctx.writeAndFlush(msg, written);
            return;
        }
        ctx.write(msg, promise);
        ChannelOutboundBuffer unsent = ctx.channel().unsafe().outboundBuffer();
        if (!unread && unsent != null && unsent.totalPendingWriteBytes() > MAX_UNSENT_BYTES && upgraded(ctx)) {
            unread = true;
            notReading.increment();
            LOG.infof("a client left %d bytes unread on its WebSocket: closing the connection",
                    unsent.totalPendingWriteBytes());
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && upgraded(ctx)) {
            return; // upgraded: the session's own timeouts apply
        }
        ctx.fireUserEventTriggered(event);
    }

    /** A WebSocket by now (a permitted upgrade that failed after all stays an HTTP connection, left alone). */
    private static boolean upgraded(ChannelHandlerContext ctx) {
        return ctx.pipeline().get(WEBSOCKET_DECODER) != null;
    }

    private boolean tooManyPings() {
        long now = System.nanoTime();
        if (now - windowStart >= 1_000_000_000L) {
            windowStart = now;
            pingsInWindow = 0;
        }
        return ++pingsInWindow > MAX_PINGS_PER_SECOND;
    }

    /** Hands the failure to the WebSocket's exception handler (the endpoint's {@code @OnError}); false: no WebSocket. */
    boolean fail(ChannelHandlerContext ctx, CorruptedWebSocketFrameException failure) {
        if (upgraded(ctx) && ctx.pipeline().get(VERTX_HANDLER) instanceof VertxHandler<?> vertx
                && vertx.getConnection() instanceof Http1xServerConnection connection) {
            failed = true; // before the handler runs: it may answer at once
            connection.handleException(failure);
            return true;
        }
        return false;
    }
}
