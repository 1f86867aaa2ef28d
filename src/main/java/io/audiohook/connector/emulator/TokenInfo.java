package io.audiohook.connector.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Whether an OAuth2 access token is valid, as a Google API front end decides it: asked of a tokeninfo endpoint
 * ({@code GET <url>?access_token=<token>}: 200 with {@code expires_in} seconds for a valid token, 400 for an
 * invalid one), then remembered until the token expires. Asynchronous, so a gRPC event loop never waits for it.
 * Bounded: at most {@link #MAX_TOKENS} tokens are remembered, the least recently used forgotten first.
 */
final class TokenInfo {
    static final int MAX_TOKENS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<URI> endpoint;
    private final HttpClient http;
    private final LongSupplier nanoTime;
    /** Token → monotonic time it stops being valid; {@link Long#MIN_VALUE} for a token known to be invalid. */
    private final Map<String, Long> validUntil = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_TOKENS;
        }
    };

    /** @param endpoint where tokens are checked; without one every token is valid */
    TokenInfo(Optional<URI> endpoint, LongSupplier nanoTime) {
        this.endpoint = endpoint;
        this.nanoTime = nanoTime;
        this.http = endpoint.isPresent() ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build() : null;
    }

    Optional<URI> endpoint() {
        return endpoint;
    }

    /** What is known without asking: empty when the token must be checked first. */
    synchronized Optional<Boolean> known(String token) {
        if (endpoint.isEmpty()) {
            return Optional.of(true);
        }
        Long until = validUntil.get(token);
        if (until == null) {
            return Optional.empty();
        }
        if (until == Long.MIN_VALUE || nanoTime.getAsLong() >= until) {
            return Optional.of(false);
        }
        return Optional.of(true);
    }

    /** Asks the endpoint; fails when it cannot be asked (the caller answers UNAVAILABLE, nothing is cached). */
    CompletableFuture<Boolean> check(String token) {
        Optional<Boolean> known = known(token);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(known.get());
        }
        URI uri = URI.create(endpoint.get() + (endpoint.get().getQuery() == null ? "?" : "&") + "access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        long asked = nanoTime.getAsLong();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            long until = Long.MIN_VALUE;
            if (response.statusCode() == 200) {
                long seconds = expiresIn(response.body());
                if (seconds > 0) {
                    until = asked + seconds * 1_000_000_000L;
                }
            } else if (response.statusCode() != 400) {
                throw new IllegalStateException("tokeninfo answered " + response.statusCode());
            }
            synchronized (this) {
                validUntil.put(token, until);
            }
            return until != Long.MIN_VALUE;
        });
    }

    private static long expiresIn(String body) {
        try {
            JsonNode node = JSON.readTree(body).path("expires_in");
            return node.isTextual() ? Long.parseLong(node.asText()) : node.asLong(0);
        } catch (Exception e) {
            return 0;
        }
    }
}
