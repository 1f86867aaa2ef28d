package io.audiohook.connector.transcript;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

import io.audiohook.connector.assist.AssistEvent;
import io.audiohook.connector.assist.AssistEventSink;
import io.audiohook.connector.assist.RecognitionResult;
import io.audiohook.connector.assist.Timers;
import io.audiohook.connector.call.CallControl;
import io.audiohook.connector.transcript.TranscriptMetrics.Drop;

/**
 * One session's transcripts on their way back to Genesys: each recognition result becomes one {@code event} with
 * one {@code transcript} entity, in the order the results came, paced by an {@link EventBucket}.
 *
 * <ul>
 * <li>Interims are superseded by their utterance's newer results ({@link TranscriptQueue}); only the queue's bound
 * loses anything, counted and warned about.</li>
 * <li>{@code error 429} holds everything back for its {@code retryAfter}; {@code error 405} (events are not allowed
 * on this session) stops events for this session only, and nothing else of the call changes.</li>
 * <li>{@link #drained()} completes once nothing waits, so that {@code closed} follows the last transcript; after
 * {@link #closed()} nothing more is sent.</li>
 * </ul>
 *
 * <p>Threading: results arrive on gRPC threads (under their participant stream's lock), protocol events on the
 * session's event loop (under the session's lock), and events are sent from the scheduler only, by one drainer at a
 * time, outside this object's monitor: sending takes the session's lock, so sending from a result's thread would
 * hold a stream's lock while waiting for the session's, and the session calls into the streams holding its own.
 */
public final class TranscriptSender implements AssistEventSink {
    private static final Logger LOG = Logger.getLogger(TranscriptSender.class);
    static final int NOT_ALLOWED = 405;
    static final int RATE_LIMITED = 429;

    private final String sessionId;
    private final ToIntFunction<Participant.Role> channelOf;
    private final TranscriptSettings settings;
    private final CallControl control;
    private final Timers timers;
    private final TranscriptMetrics metrics;
    private final EventBucket bucket;
    private final TranscriptQueue queue;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private boolean draining;
    private boolean timerSet;
    private boolean refused;
    private boolean over;
    private boolean closing;
    private boolean warnedFull;
    private long sent;

    /** @param channelOf the index in the negotiated media of a role's channel */
    public TranscriptSender(String sessionId, ToIntFunction<Participant.Role> channelOf, TranscriptSettings settings,
            CallControl control, Timers timers, TranscriptMetrics metrics) {
        this.sessionId = sessionId;
        this.channelOf = channelOf;
        this.settings = settings;
        this.control = control;
        this.timers = timers;
        this.metrics = metrics;
        this.bucket = new EventBucket(settings.ratePerSecond(), settings.burst(), timers.nanoTime());
        this.queue = new TranscriptQueue(settings.queueCapacity());
    }

    @Override
    public void accept(AssistEvent event) {
        if (event instanceof RecognitionResult recognised && wanted(recognised.result()) && offer(recognised)) {
            kick();
        }
    }

    private boolean wanted(StreamingRecognitionResult result) {
        return result.getMessageType() == StreamingRecognitionResult.MessageType.TRANSCRIPT
                && !result.getTranscript().isBlank() && (result.getIsFinal() || settings.interimResults());
    }

    private synchronized boolean offer(RecognitionResult recognised) {
        if (refused || over) {
            metrics.dropped(refused ? Drop.REFUSED : Drop.CLOSED);
            return false;
        }
        String utterance = uuid(recognised);
        ObjectNode entity = TranscriptEntity.of(recognised, channelOf.applyAsInt(recognised.role()), utterance);
        TranscriptQueue.Offered offered = queue.offer(utterance, recognised.result().getIsFinal(), entity);
        if (offered == TranscriptQueue.Offered.DROPPED || offered == TranscriptQueue.Offered.QUEUED_DROPPING_ONE) {
            metrics.dropped(Drop.QUEUE_FULL);
            if (!warnedFull) {
                warnedFull = true;
                LOG.warnf("session %s: transcript events wait longer than the rate limit allows (%d queued); the "
                        + "oldest are dropped and counted", sessionId, queue.size());
            }
        }
        return offered != TranscriptQueue.Offered.DROPPED;
    }

    /** Stable per utterance, unique per session and role: Genesys wants a UUID, Dialogflow's ids are not one. */
    private String uuid(RecognitionResult recognised) {
        String key = sessionId + '/' + recognised.role() + '/' + recognised.utteranceId();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Has the scheduler drain soon, unless it will anyway. */
    private void kick() {
        synchronized (this) {
            if (draining || timerSet) {
                return;
            }
            timerSet = true;
        }
        timers.schedule(this::timerFired, 0);
    }

    /**
     * Sends what the bucket allows; the timer sends the rest. One drainer at a time, outside the monitor; the close
     * hears that everything went only from the drainer (or when none runs), after the last send, and outside the
     * monitor too: what waits for it takes the session's lock.
     */
    private void drain() {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        boolean done = false;
        try {
            while (true) {
                ObjectNode next;
                synchronized (this) {
                    next = nextOrNull();
                    if (next == null) {
                        draining = false;
                        done = finished();
                        break;
                    }
                }
                if (control.sendEvent(List.of(next))) {
                    metrics.sent();
                    synchronized (this) {
                        sent++;
                    }
                } else {
                    metrics.dropped(Drop.CLOSED); // the session is past closed: nothing more can go
                }
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                draining = false; // a send that threw must not stop every later one
            }
            metrics.dropped(Drop.CLOSED);
            LOG.warnf("session %s: a transcript event could not be sent: %s", sessionId, e.toString());
            return;
        }
        if (done) {
            drained.complete(null);
        }
    }

    /** Under the monitor: the close may go on (nothing waits, or nothing can go any more, and no send is under way). */
    private boolean finished() {
        return !draining && (closing && queue.isEmpty() || over || refused);
    }

    /** Under the monitor: the next entity that may go now, or null (nothing waits, or the timer will drain). */
    private ObjectNode nextOrNull() {
        if (queue.isEmpty() || over || refused) {
            return null;
        }
        long wait = bucket.take(timers.nanoTime());
        if (wait > 0) {
            if (!timerSet) {
                timerSet = true;
                timers.schedule(this::timerFired, wait);
            }
            return null;
        }
        return queue.poll();
    }

    private void timerFired() {
        synchronized (this) {
            timerSet = false;
        }
        drain();
    }

    // ------------------------------------------------------------------ from the session

    /** Genesys' {@code error}: {@code 429} holds events back, {@code 405} stops them for this session. */
    public void clientError(int code, OptionalLong retryAfterNanos) {
        synchronized (this) {
            if (code == RATE_LIMITED) {
                long hold = retryAfterNanos.orElse(settings.defaultHold().toNanos());
                bucket.hold(timers.nanoTime(), hold);
                metrics.rateLimited();
                LOG.infof("session %s: Genesys rate-limits this session's events; %d queued wait %d ms", sessionId,
                        queue.size(), hold / 1_000_000);
                return;
            }
            if (code != NOT_ALLOWED || refused) {
                return;
            }
            refused = true;
            LOG.warnf("session %s: Genesys does not allow events on this session (error %d); transcripts stop for "
                    + "it, %d queued are dropped", sessionId, code, queue.size());
            dropAll(Drop.REFUSED);
        }
        kick(); // a close waiting for the queue hears that nothing more will go
    }

    /**
     * The client is closing and the final results are in: completes once every queued event went (or none can
     * go any more). The session's flush timeout bounds the wait.
     */
    public CompletableFuture<Void> drained() {
        boolean done;
        synchronized (this) {
            closing = true;
            done = finished();
        }
        if (done) {
            drained.complete(null);
        } else {
            kick(); // the drainer completes it after the last send
        }
        return drained;
    }

    /** {@code closed} went out (or the session ended): nothing more is sent; what still waits is counted. */
    public void closed() {
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
            if (!queue.isEmpty()) {
                LOG.warnf("session %s: %d transcript event(s) had not gone when the session closed", sessionId,
                        queue.size());
            }
            dropAll(Drop.CLOSED);
        }
        drained.complete(null);
    }

    private void dropAll(Drop reason) {
        for (int i = queue.clear(); i > 0; i--) {
            metrics.dropped(reason);
        }
    }

    /** Events sent so far. */
    public synchronized long sent() {
        return sent;
    }

    /** Events waiting for the rate limit. */
    public synchronized int waiting() {
        return queue.size();
    }
}
