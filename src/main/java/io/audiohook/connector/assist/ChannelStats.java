package io.audiohook.connector.assist;

/**
 * What the stream channel pool holds now, for metrics.
 *
 * @param channels channels open for streams
 * @param streams  streams they carry
 * @param busiest  streams on the fullest channel
 * @param opened   channels opened since start
 * @param closed   channels closed because they were idle
 * @param overCap  streams placed on a full channel because every channel was full
 * @param stalls   streams that never became ready on their channel
 */
public record ChannelStats(int channels, int streams, int busiest, long opened, long closed, long overCap,
        long stalls) {
    public static final ChannelStats NONE = new ChannelStats(0, 0, 0, 0, 0, 0, 0);

    /** Two pools' figures together. */
    ChannelStats plus(ChannelStats o) {
        return new ChannelStats(channels + o.channels, streams + o.streams, Math.max(busiest, o.busiest),
                opened + o.opened, closed + o.closed, overCap + o.overCap, stalls + o.stalls);
    }
}
