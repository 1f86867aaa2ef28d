package io.audiohook.connector.console;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.audiohook.connector.call.CallInfo;

/**
 * The calls of this instance as the console knows them: the live ones, and the last ended ones for a while, each
 * with its time line. What happens in a call is recorded whether or not anyone watches (a viewer who opens a call
 * sees it from the start); it is rendered and sent only to viewers who watch that call.
 *
 * <p>Thread-safe: the maps are concurrent, each {@link BoardCall} guards itself, the ended list is guarded by this.
 */
public final class ConsoleBoard {
    private final ConsoleSettings settings;
    private final Viewers viewers;
    private final LongSupplier clockMillis;
    private final Map<String, BoardCall> live = new ConcurrentHashMap<>();
    /** The Genesys conversation of each live session, to find a session from Dialogflow's conversation name. */
    private final Map<String, String> sessionOfConversation = new ConcurrentHashMap<>();
    private final Deque<BoardCall> ended = new ArrayDeque<>();

    public ConsoleBoard(ConsoleSettings settings, Viewers viewers, LongSupplier clockMillis) {
        this.settings = settings;
        this.viewers = viewers;
        this.clockMillis = clockMillis;
    }

    public ConsoleSettings settings() {
        return settings;
    }

    public Viewers viewers() {
        return viewers;
    }

    long now() {
        return clockMillis.getAsLong();
    }

    BoardCall started(CallInfo info) {
        BoardCall call = new BoardCall(info, now(), settings.timeline());
        live.put(info.sessionId(), call);
        sessionOfConversation.put(info.conversationId(), info.sessionId());
        record(call, new TimelineEntry(now(), "protocol", null, "open", info.media().format().name() + " "
                + info.media().channels().size() + " channel(s), " + info.mode().wireName()));
        return call;
    }

    void record(BoardCall call, TimelineEntry entry) {
        call.add(entry);
        String session = call.info().sessionId();
        if (viewers.watching(session)) {
            viewers.send(session, ConsoleMessages.entry(session, entry));
        }
    }

    void interim(BoardCall call, String role, String text) {
        call.interim(role, text);
        String session = call.info().sessionId();
        if (viewers.watching(session)) {
            viewers.send(session, ConsoleMessages.interim(session, role, text));
        }
    }

    void ended(BoardCall call, String outcome) {
        call.ended(outcome, now());
        String session = call.info().sessionId();
        live.remove(session, call);
        sessionOfConversation.remove(call.info().conversationId(), session);
        synchronized (this) {
            ended.addFirst(call);
            while (ended.size() > settings.endedCalls()) {
                ended.removeLast();
            }
        }
    }

    /** Whether anyone watches at all: audio levels are measured only then. */
    boolean watched() {
        return viewers.anyone();
    }

    /**
     * The call of a Genesys conversation on this instance: its live session, else the last of its ended ones (the
     * summary and the conversation's completion come after the session ended).
     */
    Optional<BoardCall> ofConversation(String genesysConversationId) {
        String session = sessionOfConversation.get(genesysConversationId);
        BoardCall live = session == null ? null : this.live.get(session);
        if (live != null) {
            return Optional.of(live);
        }
        synchronized (this) {
            return ended.stream().filter(c -> c.info().conversationId().equals(genesysConversationId)).findFirst();
        }
    }

    public Optional<BoardCall> call(String sessionId) {
        BoardCall call = live.get(sessionId);
        if (call != null) {
            return Optional.of(call);
        }
        synchronized (this) {
            return ended.stream().filter(c -> c.info().sessionId().equals(sessionId)).findFirst();
        }
    }

    public List<BoardCall> live() {
        return List.copyOf(live.values());
    }

    /** The ended calls still shown, newest first; older ones are forgotten here. */
    public synchronized List<BoardCall> ended() {
        long oldest = now() - settings.endedKeep().toMillis();
        while (!ended.isEmpty() && ended.peekLast().endedMillis() < oldest) {
            ended.removeLast();
        }
        return List.copyOf(ended);
    }
}
