package io.audiohook.connector.demo;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.JsonNode;

import io.audiohook.connector.protocol.Durations;

/** Reads what a server says into a demo call's terms: transcripts out of an {@code event}, a failed upgrade. */
final class ServerEvents {
    /** The channels of the only media a demo call offers, in its order: channelId indexes it. */
    static final List<String> CHANNELS = List.of("external", "internal");

    private ServerEvents() {
    }

    /** The final transcripts of an {@code event}'s entities; interim ones and other entities are left out. */
    static List<TranscriptLine> transcripts(JsonNode parameters) {
        List<TranscriptLine> lines = new ArrayList<>();
        for (JsonNode entity : parameters.path("entities")) {
            JsonNode data = entity.path("data");
            if (!"transcript".equals(entity.path("type").asText()) || !data.path("isFinal").asBoolean(false)) {
                continue;
            }
            String text = data.at("/alternatives/0/interpretations/0/transcript").asText("").strip();
            int channelId = data.path("channelId").asInt(-1);
            if (text.isEmpty() || channelId < 0 || channelId >= CHANNELS.size()) {
                continue;
            }
            String channel = CHANNELS.get(channelId);
            lines.add(new TranscriptLine(TranscriptLine.Role.of(channel), channel, text, offset(data)));
        }
        return lines;
    }

    private static Duration offset(JsonNode data) {
        String text = data.path("offset").asText("");
        return Durations.isValid(text) ? Duration.ofNanos(Durations.parseNanos(text)) : Duration.ZERO;
    }

    /** {@code disconnect}'s reason and, when given, its info (bounded: it is the server's text). */
    static String disconnect(JsonNode parameters) {
        String reason = parameters.path("reason").asText("");
        String info = parameters.path("info").asText("");
        String said = info.isEmpty() ? reason : reason + ": " + info;
        return "the server disconnected (" + (said.length() > 200 ? said.substring(0, 200) + "…" : said) + ")";
    }

    /** The socket ended before {@code closed}. */
    static String socketEnded(int code, String reason, Throwable error) {
        return error != null ? "the connection failed: " + describe(error)
                : "the server closed the connection (" + code + (reason.isEmpty() ? "" : " " + reason) + ") before closed";
    }

    /** True when the upgrade got an HTTP answer other than 101. */
    static boolean refused(Throwable error) {
        return unwrap(error) instanceof WebSocketHandshakeException;
    }

    /** Why the upgrade failed, with what to check. */
    static String upgradeFailure(Throwable error, Duration connectTimeout) {
        Throwable cause = unwrap(error);
        if (cause instanceof WebSocketHandshakeException refusal) {
            int status = refusal.getResponse().statusCode();
            String hint = switch (status) {
                case 401 -> " (the API key, the client secret or the organization id is not accepted)";
                case 404 -> " (no AudioHook endpoint at this path)";
                case 503 -> " (the service is full or stopping)";
                default -> "";
            };
            return "the upgrade was answered HTTP " + status + hint;
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + connectTimeout.toSeconds() + " s";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect (is the service running at this address?)";
        }
        return "the connection failed: " + describe(cause);
    }

    static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
