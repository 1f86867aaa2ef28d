package io.audiohook.connector.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Immutable set of accepted API keys. Several keys can be active at once so that a key or its
 * secret can be rotated in Genesys without downtime: add the new entry, switch the integration,
 * then remove the old entry.
 */
public final class ApiKeys {

    private static final Pattern LIST_SEPARATOR = Pattern.compile("[\\s,]+");

    private final Map<String, ApiKey> byKey;

    private ApiKeys(Map<String, ApiKey> byKey) {
        this.byKey = Collections.unmodifiableMap(byKey);
    }

    /** @throws IllegalArgumentException if two entries share the same key */
    public static ApiKeys of(Collection<ApiKey> keys) {
        Map<String, ApiKey> map = new LinkedHashMap<>();
        for (ApiKey k : keys) {
            if (map.putIfAbsent(k.key(), k) != null) {
                throw new IllegalArgumentException("API key " + k.fingerprint() + " is configured more than once");
            }
        }
        return new ApiKeys(map);
    }

    public static ApiKeys of(ApiKey... keys) {
        return of(List.of(keys));
    }

    /**
     * Reads the configuration forms.
     *
     * @param apiKey       single-key form ({@code API_KEY})
     * @param clientSecret base64 secret of the single key ({@code CLIENT_SECRET}); optional
     * @param list         list form ({@code API_KEYS}): entries separated by commas and/or
     *                     whitespace, each {@code key} or {@code key:base64secret}
     * @throws IllegalArgumentException on malformed entries, duplicate keys, or a secret without a
     *                                  key; messages identify entries by position or fingerprint
     *                                  only
     */
    public static ApiKeys parse(Optional<String> apiKey, Optional<String> clientSecret, Optional<String> list) {
        List<ApiKey> keys = new ArrayList<>();
        String single = nonBlank(apiKey);
        String singleSecret = nonBlank(clientSecret);
        if (single != null) {
            keys.add(ApiKey.of(single.strip(), singleSecret));
        } else if (singleSecret != null) {
            // A lone secret would otherwise be silently ignored, leaving the operator believing
            // that requests are signed.
            throw new IllegalArgumentException("CLIENT_SECRET is set but API_KEY is not");
        }
        String entries = nonBlank(list);
        if (entries != null) {
            int position = 0;
            for (String entry : LIST_SEPARATOR.split(entries.strip())) {
                if (entry.isEmpty()) {
                    continue;
                }
                position++;
                keys.add(parseEntry(entry, position));
            }
        }
        return of(keys);
    }

    public Optional<ApiKey> find(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(byKey.get(key));
    }

    /** The key configured first ({@code API_KEY}, else the first of {@code API_KEYS}): the one demo calls use. */
    public Optional<ApiKey> first() {
        return byKey.values().stream().findFirst();
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    public int size() {
        return byKey.size();
    }

    @Override
    public String toString() {
        return "ApiKeys" + byKey.values();
    }

    private static ApiKey parseEntry(String entry, int position) {
        int colon = entry.indexOf(':');
        String key = colon < 0 ? entry : entry.substring(0, colon);
        String secret = colon < 0 ? null : entry.substring(colon + 1);
        if (secret != null && secret.isEmpty()) {
            // "key:" usually means an empty variable was interpolated; accepting it as "no secret"
            // would silently turn off signature checks for that key.
            throw new IllegalArgumentException("API_KEYS entry #" + position + " has an empty secret after ':'");
        }
        try {
            return ApiKey.of(key, secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("API_KEYS entry #" + position + ": " + e.getMessage());
        }
    }

    private static String nonBlank(Optional<String> value) {
        return value == null ? null : value.filter(s -> !s.isBlank()).orElse(null);
    }
}
