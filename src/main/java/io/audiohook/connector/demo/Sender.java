package io.audiohook.connector.demo;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.audiohook.connector.protocol.Durations;

/**
 * Everything a demo call sends, in order. The JDK allows one outstanding send per WebSocket, so sends are chained;
 * {@code seq}, {@code serverseq} and {@code position} are fixed when a message is queued, so they agree with the
 * audio queued before it. Thread-safe.
 */
final class Sender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 8000;

    private final WebSocket socket;
    private final String sessionId;
    private final int bytesPerSample;
    // guarded by this
    private CompletableFuture<WebSocket> tail;
    private int pending;
    private long seq;
    private long serverSeq;
    private long audioBytes;

    Sender(WebSocket socket, String sessionId, int bytesPerSample) {
        this.socket = socket;
        this.sessionId = sessionId;
        this.bytesPerSample = bytesPerSample;
        this.tail = CompletableFuture.completedFuture(socket);
    }

    static ObjectNode parameters() {
        return JSON.createObjectNode();
    }

    /** Queues a client message with the next {@code seq}. */
    synchronized void text(String type, ObjectNode parameters) {
        ObjectNode message = JSON.createObjectNode()
                .put("version", "2")
                .put("id", sessionId)
                .put("type", type)
                .put("seq", ++seq)
                .put("serverseq", serverSeq)
                .put("position", position());
        message.set("parameters", parameters);
        String text;
        try {
            text = JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of strings and numbers always serializes
        }
        enqueue(ws -> ws.sendText(text, true));
    }

    /** Queues one audio frame; the position moves on by its samples. */
    synchronized void audio(byte[] frame) {
        audioBytes += frame.length;
        enqueue(ws -> ws.sendBinary(ByteBuffer.wrap(frame), true));
    }

    /** The seq of the server's latest message: every later client message carries it. */
    synchronized void serverSeq(long seq) {
        serverSeq = Math.max(serverSeq, seq);
    }

    /** Where the call is on its timeline: audio sent so far (a pause freezes it, as in Genesys' WAV source). */
    synchronized String position() {
        return Durations.formatSamples(audioBytes / bytesPerSample, RATE);
    }

    /** Sends queued and not yet written to the socket. */
    synchronized int pending() {
        return pending;
    }

    /** Starts the WebSocket closing handshake after everything queued. */
    synchronized void closeSocket() {
        enqueue(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
    }

    void abort() {
        socket.abort();
    }

    private void enqueue(Function<WebSocket, CompletableFuture<WebSocket>> send) {
        pending++;
        // a failed send means a broken socket, which the listener reports; later sends just fail too
        tail = tail.exceptionally(e -> socket).thenCompose(send);
        tail.whenComplete((ws, e) -> {
            synchronized (this) {
                pending--;
            }
        });
    }
}
