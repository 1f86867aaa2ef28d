package io.audiohook.connector.assist;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * Channels (HTTP/2 connections) for long-lived streams, so that none carries more than
 * {@code maxStreamsPerChannel} at once. Google's front ends accept about 100 concurrent streams per connection
 * and the client queues the rest silently; gax advises well under 50 RPCs per channel.
 *
 * <p>Why not gax's own {@code ChannelPoolSettings}: it resizes once a minute by at most two channels and picks a
 * channel round-robin with no cap, so a ramp of calls overfills its channels for minutes. Here a stream takes the
 * fullest channel that still has room (so channels drain and can close when the load falls), a new channel opens
 * the moment none has room, and channels idle for {@code idleClose} are closed (one always stays).
 *
 * <p>A channel found to carry fewer streams than the cap (a stream on it never became ready) is capped at what it
 * carries, for {@code idleClose}: a slow first connection or a late token must not shrink it for good. Beyond
 * {@code maxChannels} streams go to the least loaded channel anyway, and are counted.
 *
 * <p>Thread-safe, and nothing slow happens under its lock: a channel is built outside it (it connects lazily),
 * and the next one is built ahead, in the background, when fewer than a quarter of a channel's streams are free.
 */
final class ChannelPool<C> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ChannelPool.class);

    /** Opens and closes the pooled channels. */
    interface Channels<C> {
        C open(int index);

        void close(C channel);
    }

    private final int maxStreamsPerChannel;
    private final int maxChannels;
    private final long idleCloseNanos;
    private final LongSupplier clock;
    private final Channels<C> channels;
    private final Executor background;
    private final int headroom;
    private final List<Entry<C>> entries = new ArrayList<>();
    /** Channels being built; they count against {@code maxChannels}. */
    private int opening;
    private int nextIndex;
    private long opened;
    private long closedChannels;
    private long overCap;
    private long stalls;
    private boolean closed;

    private static final class Entry<C> {
        final C channel;
        final int index;
        int cap;
        long cappedAt;
        int streams;
        long idleSince;

        Entry(C channel, int index, int cap, long now) {
            this.channel = channel;
            this.index = index;
            this.cap = cap;
            this.idleSince = now;
        }
    }

    /** One stream's hold on a channel; released exactly once. */
    final class Lease {
        private final Entry<C> entry;
        private boolean released;

        private Lease(Entry<C> entry) {
            this.entry = entry;
        }

        C channel() {
            return entry.channel;
        }

        int channelIndex() {
            return entry.index;
        }

        void release() {
            ChannelPool.this.release(this);
        }

        /** The stream never became ready: the channel holds no more than it carries now. */
        void stalled() {
            ChannelPool.this.stalled(this);
        }
    }

    /** @param background where the next channel is built ahead of need */
    ChannelPool(int maxStreamsPerChannel, int maxChannels, long idleCloseNanos, LongSupplier clock,
            Channels<C> channels, Executor background) {
        if (maxStreamsPerChannel < 1 || maxChannels < 1) {
            throw new IllegalArgumentException("a pool needs at least one channel of at least one stream");
        }
        this.maxStreamsPerChannel = maxStreamsPerChannel;
        this.maxChannels = maxChannels;
        this.idleCloseNanos = idleCloseNanos;
        this.clock = clock;
        this.channels = channels;
        this.background = background;
        this.headroom = Math.max(1, maxStreamsPerChannel / 4);
    }

    Lease acquire() {
        Lease lease = null;
        int index = -1;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the channel pool is closed");
            }
            Entry<C> chosen = withRoom(clock.getAsLong());
            if (chosen != null) {
                lease = take(chosen);
            } else if (entries.size() + opening < maxChannels) {
                opening++;
                index = nextIndex++;
            } else {
                chosen = entries.stream().min(java.util.Comparator.comparingInt(e -> e.streams)).orElseThrow();
                if (overCap++ == 0) {
                    LOG.warnf("all %d Dialogflow stream channels of an event loop are full (%d streams each); streams "
                            + "may wait for a free slot (CONNECTOR_ASSIST_MAX_CHANNELS, shared among the event loops)",
                            maxChannels, maxStreamsPerChannel);
                }
                lease = take(chosen);
            }
        }
        if (lease == null) {
            lease = take(add(index, true));
        }
        afterAcquire();
        return lease;
    }

    /** The fullest channel that still has room, so that the others drain and can close. */
    private Entry<C> withRoom(long now) {
        Entry<C> chosen = null;
        for (Entry<C> e : entries) {
            if (e.cap < maxStreamsPerChannel && now - e.cappedAt >= idleCloseNanos) {
                e.cap = maxStreamsPerChannel; // what capped it has had time to pass
            }
            if (e.streams < e.cap && (chosen == null || e.streams > chosen.streams)) {
                chosen = e;
            }
        }
        return chosen;
    }

    private synchronized Lease take(Entry<C> entry) {
        entry.streams++;
        return new Lease(entry);
    }

    /** Builds channel {@code index} outside the lock, then adds it. */
    private Entry<C> add(int index, boolean now) {
        C channel;
        try {
            channel = channels.open(index);
        } catch (RuntimeException e) {
            synchronized (this) {
                opening--;
            }
            throw e;
        }
        synchronized (this) {
            opening--;
            Entry<C> entry = new Entry<>(channel, index, maxStreamsPerChannel, clock.getAsLong());
            entries.add(entry);
            opened++;
            LOG.debugf("stream channel %d opened %s (%d open)", Integer.valueOf(index), now ? "for a stream" : "ahead",
                    Integer.valueOf(entries.size()));
            if (closed) {
                entries.remove(entry);
                channels.close(channel);
            }
            return entry;
        }
    }

    /** Closes what is idle; builds the next channel ahead when few free slots are left. */
    private void afterAcquire() {
        List<C> toClose;
        int ahead = -1;
        synchronized (this) {
            toClose = idle(clock.getAsLong());
            int free = 0;
            for (Entry<C> e : entries) {
                free += Math.max(0, e.cap - e.streams);
            }
            if (!closed && free < headroom && opening == 0 && entries.size() < maxChannels) {
                opening++;
                ahead = nextIndex++;
            }
        }
        toClose.forEach(channels::close);
        if (ahead >= 0) {
            int index = ahead;
            background.execute(() -> {
                try {
                    add(index, false);
                } catch (RuntimeException e) {
                    LOG.debugf("stream channel %d could not be built ahead: %s", index, e.toString());
                }
            });
        }
    }

    private void release(Lease lease) {
        List<C> toClose;
        synchronized (this) {
            if (lease.released) {
                return;
            }
            lease.released = true;
            Entry<C> e = lease.entry;
            e.streams--;
            long now = clock.getAsLong();
            if (e.streams == 0) {
                e.idleSince = now;
            }
            toClose = closed ? List.of() : idle(now);
        }
        toClose.forEach(channels::close);
    }

    private synchronized void stalled(Lease lease) {
        stalls++;
        if (lease.released) {
            return; // it ended meanwhile: what the channel carries now says nothing
        }
        Entry<C> e = lease.entry;
        // the stalled stream itself does not count: the connection carried the others
        e.cap = Math.max(1, Math.min(e.cap, e.streams - 1));
        e.cappedAt = clock.getAsLong();
        LOG.debugf("stream channel %d: a stream never became ready; capped at %d", e.index, e.cap);
    }

    /** Removes channels idle long enough, always keeping one; they are closed outside the lock. */
    private List<C> idle(long now) {
        List<C> out = List.of();
        Iterator<Entry<C>> it = entries.iterator();
        while (it.hasNext() && entries.size() > 1) {
            Entry<C> e = it.next();
            if (e.streams == 0 && now - e.idleSince >= idleCloseNanos) {
                it.remove();
                closedChannels++;
                if (out.isEmpty()) {
                    out = new ArrayList<>();
                }
                out.add(e.channel);
            }
        }
        return out;
    }

    synchronized ChannelStats stats() {
        int streams = 0;
        int busiest = 0;
        for (Entry<C> e : entries) {
            streams += e.streams;
            busiest = Math.max(busiest, e.streams);
        }
        return new ChannelStats(entries.size(), streams, busiest, opened, closedChannels, overCap, stalls);
    }

    int maxStreamsPerChannel() {
        return maxStreamsPerChannel;
    }

    @Override
    public void close() {
        List<C> all;
        synchronized (this) {
            closed = true;
            all = entries.stream().map(e -> e.channel).toList();
            entries.clear();
        }
        all.forEach(channels::close);
    }
}
