package io.audiohook.connector.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.audiohook.connector.call.CallInfo;

/**
 * One call as the console shows it: its ids and media, the time line of what happened (bounded: the oldest entries
 * go), the line each participant is saying now (an interim result, replaced in place), the audio level of each
 * channel, and how it ended. Guarded by itself: writers are the call's event loop, gRPC threads and the tick, and
 * each touch is short.
 */
public final class BoardCall {
    /** What a participant is saying now: the latest interim result, cleared by its final. */
    public record Interim(String role, String text) {
    }

    private final CallInfo info;
    private final long startedMillis;
    private final int capacity;
    private final Deque<TimelineEntry> timeline = new ArrayDeque<>();
    private final Map<Role, String> interim = new EnumMap<>(Role.class);
    private final double[] levels;
    /** When each channel's level was last measured (board clock, ms). */
    private final long[] measuredMillis;
    private String state = "active";
    private String outcome;
    private long endedMillis;

    /** The two roles a line can belong to, in the order the console shows them. */
    enum Role {
        END_USER, HUMAN_AGENT
    }

    BoardCall(CallInfo info, long startedMillis, int capacity) {
        this.info = info;
        this.startedMillis = startedMillis;
        this.capacity = capacity;
        this.levels = new double[info.media().channelCount()];
        java.util.Arrays.fill(levels, Double.NEGATIVE_INFINITY);
        this.measuredMillis = new long[levels.length];
        java.util.Arrays.fill(measuredMillis, Long.MIN_VALUE / 2); // long ago, without overflowing the difference
    }

    public CallInfo info() {
        return info;
    }

    public long startedMillis() {
        return startedMillis;
    }

    synchronized void add(TimelineEntry entry) {
        timeline.addLast(entry);
        while (timeline.size() > capacity) {
            timeline.removeFirst();
        }
        if ("transcript".equals(entry.kind()) && entry.role() != null) {
            interim.remove(Role.valueOf(entry.role()));
        }
    }

    synchronized void interim(String role, String text) {
        interim.put(Role.valueOf(role), text);
    }

    synchronized void state(String state) {
        this.state = state;
    }

    synchronized void ended(String outcome, long atMillis) {
        this.state = "ended";
        this.outcome = outcome;
        this.endedMillis = atMillis;
        interim.clear();
    }

    /**
     * Whether the channel's level is to be measured again: a meter redrawn once per tick needs one measurement per
     * tick, not one per frame (measuring every frame of every call was most of what watching cost). Called on the
     * call's event loop only.
     */
    boolean levelDue(int channel, long nowMillis, long intervalMillis) {
        if (channel < 0 || channel >= measuredMillis.length || nowMillis - measuredMillis[channel] < intervalMillis) {
            return false;
        }
        measuredMillis[channel] = nowMillis;
        return true;
    }

    /** dBFS of the channel's last measured frame; negative infinity for silence or before any audio. */
    void level(int channel, double dbfs) {
        if (channel >= 0 && channel < levels.length) {
            levels[channel] = dbfs; // a torn read shows one frame's level or the next one's: both are right
        }
    }

    public double level(int channel) {
        return channel >= 0 && channel < levels.length ? levels[channel] : Double.NEGATIVE_INFINITY;
    }

    public synchronized String state() {
        return state;
    }

    public synchronized String outcome() {
        return outcome;
    }

    public synchronized long endedMillis() {
        return endedMillis;
    }

    public synchronized boolean isEnded() {
        return outcome != null;
    }

    public synchronized List<TimelineEntry> timeline() {
        return List.copyOf(timeline);
    }

    public synchronized List<Interim> interim() {
        List<Interim> lines = new ArrayList<>();
        interim.forEach((role, text) -> lines.add(new Interim(role.name(), text)));
        return lines;
    }
}
