package io.audiohook.connector.web;

import java.util.ArrayDeque;
import java.util.Deque;

import io.audiohook.connector.protocol.ProtocolViolation;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Keeps what an AudioHook connection has read and not yet served bounded. Each message reaches the endpoint through
 * a task on the connection's event loop (websockets-next dispatches it so), and Netty reads far faster than those
 * tasks run: a client sending small messages as fast as it could made the server queue hundreds of thousands of them
 * (a 512 MB heap was full in seconds). Here at most {@link #MAX_WAITING} frames of a connection wait for the event
 * loop; beyond that the connection is not read from, the frames of the read in progress are held in order, and
 * reading resumes once half of the waiting ones are served. A client that sends so fast that even the read in
 * progress holds more than {@link #MAX_HELD} frames fails with 1008 ({@link ClientFlood}).
 *
 * <p>
 * Whether a frame was served is told by a marker task queued on the same event loop right after it: tasks run in
 * order, so the marker runs once the endpoint's task for the frame has. Everything here runs on that event loop.
 */
final class MessageBacklog extends ChannelInboundHandlerAdapter {
    static final int MAX_WAITING = 256;
    static final int MAX_HELD = 2048;

    private final FrameGuard guard;
    private final Deque<Object> held = new ArrayDeque<>();
    private int waiting;
    private boolean paused;
    private boolean dropping;

    MessageBacklog(FrameGuard guard) {
        this.guard = guard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (dropping) {
            ReferenceCountUtil.release(msg);
        } else if (waiting < MAX_WAITING && held.isEmpty()) {
            forward(ctx, msg);
        } else if (held.size() < MAX_HELD) {
            held.add(msg);
            if (!paused) {
                paused = true;
                ctx.channel().config().setAutoRead(false);
            }
        } else {
            ReferenceCountUtil.release(msg);
            drop();
            guard.fail(ctx, ClientFlood.of(ProtocolViolation.TOO_MANY_MESSAGES));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        drop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        drop();
    }

    private void forward(ChannelHandlerContext ctx, Object msg) {
        waiting++;
        ctx.fireChannelRead(msg);
        ctx.executor().execute(() -> served(ctx));
    }

    private void served(ChannelHandlerContext ctx) {
        waiting--;
        boolean forwarded = false;
        while (!dropping && !held.isEmpty() && waiting < MAX_WAITING) {
            forward(ctx, held.poll());
            forwarded = true;
        }
        if (forwarded) {
            ctx.fireChannelReadComplete(); // outside Netty's read loop: Vert.x flushes what it wrote meanwhile at this
        }
        if (paused && held.isEmpty() && waiting <= MAX_WAITING / 2 && !dropping) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void drop() {
        dropping = true;
        Object msg;
        while ((msg = held.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
