package io.audiohook.connector.assist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

/**
 * A channel pool per {@link StreamLoops lane}, each with its share of the channels ({@code maxChannels} divided
 * among the lanes, at least one each), and the transport that opens streams on it.
 */
final class StreamLanes implements AutoCloseable {
    private final List<ChannelPool<StreamChannel>> pools = new ArrayList<>();
    private final List<StreamTransport> transports = new ArrayList<>();

    /** @param open builds a channel on the given lane; it connects lazily */
    StreamLanes(int lanes, DialogflowClients.ChannelSettings settings, IntFunction<StreamChannel> open,
            Executor background, Duration deadline) {
        int channelsPerLane = Math.max(1, (settings.maxChannels() + lanes - 1) / lanes);
        for (int lane = 0; lane < lanes; lane++) {
            int l = lane;
            ChannelPool<StreamChannel> pool = new ChannelPool<>(settings.maxStreamsPerChannel(), channelsPerLane,
                    settings.idleClose().toNanos(), System::nanoTime, new ChannelPool.Channels<>() {
                        @Override
                        public StreamChannel open(int index) {
                            return open.apply(l);
                        }

                        @Override
                        public void close(StreamChannel channel) {
                            channel.close();
                        }
                    }, background);
            pools.add(pool);
            transports.add(new GrpcStreamTransport(pool, deadline));
        }
    }

    StreamTransport lane(int lane) {
        return transports.get(Math.floorMod(lane, transports.size()));
    }

    /** Every lane's pool together; {@code busiest} is the fullest channel of any lane. */
    ChannelStats stats() {
        ChannelStats sum = ChannelStats.NONE;
        for (ChannelPool<StreamChannel> pool : pools) {
            sum = sum.plus(pool.stats());
        }
        return sum;
    }

    @Override
    public void close() {
        pools.forEach(ChannelPool::close);
    }
}
