package io.audiohook.connector.assist;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;

/**
 * The event loops that stream channels run on: the loops that serve the AudioHook connections. Each loop is a lane
 * with channels of its own, and a call's streams go over its connection's lane. An audio frame read on a loop is
 * then written to Dialogflow by that loop, and Dialogflow's answer is read and handled there too, without waking
 * another thread: at 1,000 calls, putting threads to sleep and waking them was about a quarter of the connector's
 * CPU when streams ran on gRPC's own Netty threads ({@code bench/run-call-cost.sh}).
 *
 * <p>{@link #NONE} keeps gRPC's own threads (one lane): for tests without a server, and when the loops are of a
 * kind the channel type does not fit.
 */
public final class StreamLoops {
    /** Streams on gRPC's own Netty threads, in one lane. */
    public static final StreamLoops NONE = new StreamLoops(List.of(), null);

    private final List<EventLoop> loops;
    private final Class<? extends Channel> channelType;
    private final AtomicInteger next = new AtomicInteger();

    private StreamLoops(List<EventLoop> loops, Class<? extends Channel> channelType) {
        this.loops = loops;
        this.channelType = channelType;
    }

    /**
     * @param group       the server's event loops
     * @param channelType the socket channel those loops run (NIO's, unless the server uses a native transport)
     */
    public static StreamLoops of(Iterable<EventExecutor> group, Class<? extends Channel> channelType) {
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor executor : group) {
            if (!(executor instanceof EventLoop loop)) {
                throw new IllegalArgumentException("not an event loop: " + executor);
            }
            loops.add(loop);
        }
        return loops.isEmpty() ? NONE : new StreamLoops(List.copyOf(loops), channelType);
    }

    /** Whether streams run on these loops rather than on gRPC's own threads. */
    boolean shared() {
        return !loops.isEmpty();
    }

    int lanes() {
        return Math.max(1, loops.size());
    }

    /**
     * The lane of the loop running the calling thread; a thread that is no loop (a timer, a test) gets the next lane
     * in turn, so that such calls still spread.
     */
    int here() {
        for (int i = 0; i < loops.size(); i++) {
            if (loops.get(i).inEventLoop()) {
                return i;
            }
        }
        return loops.isEmpty() ? 0 : Math.floorMod(next.getAndIncrement(), loops.size());
    }

    EventLoop loop(int lane) {
        return loops.get(lane);
    }

    Class<? extends Channel> channelType() {
        return channelType;
    }
}
