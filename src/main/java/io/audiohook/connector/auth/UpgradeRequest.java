package io.audiohook.connector.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parts of a WebSocket upgrade request that authentication looks at. Immutable and
 * independent of any HTTP library, so the auth code can be tested and reused without a server.
 */
public final class UpgradeRequest {

    private final String requestTarget;
    private final String authority;
    private final Map<String, List<String>> headers;

    private UpgradeRequest(String requestTarget, String authority, Map<String, List<String>> headers) {
        this.requestTarget = requestTarget;
        this.authority = authority;
        this.headers = headers;
    }

    /**
     * @param requestTarget path plus query exactly as received (not decoded, not normalized)
     * @param headers       header name to all its values; names are matched case-insensitively
     *                      and {@code @authority} is taken from the {@code Host} header
     */
    public static UpgradeRequest of(String requestTarget, Map<String, List<String>> headers) {
        return of(requestTarget, null, headers);
    }

    /**
     * @param authority the authority as received (e.g. from HTTP/2 {@code :authority}); if
     *                  {@code null} the {@code Host} header is used. It is lower-cased; the port is
     *                  kept exactly as received, because the signer covered what it sent
     */
    public static UpgradeRequest of(String requestTarget, String authority, Map<String, List<String>> headers) {
        Objects.requireNonNull(requestTarget, "requestTarget");
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name == null || values == null) {
                    return;
                }
                List<String> target = copy.computeIfAbsent(name, n -> new ArrayList<>());
                for (String v : values) {
                    if (v != null) {
                        target.add(v);
                    }
                }
            });
        }
        copy.replaceAll((name, values) -> List.copyOf(values));
        copy.values().removeIf(List::isEmpty);
        String auth = authority;
        if (auth == null) {
            List<String> host = copy.get("host");
            // Several Host headers make the authority ambiguous; leave it unset so a signature
            // covering @authority cannot verify.
            auth = host != null && host.size() == 1 ? host.get(0) : null;
        }
        auth = auth == null || auth.isBlank() ? null : auth.strip().toLowerCase(Locale.ROOT);
        return new UpgradeRequest(requestTarget, auth, Collections.unmodifiableMap(copy));
    }

    public String requestTarget() {
        return requestTarget;
    }

    /** Lower-case host[:port], or {@code null} if the request had none. */
    public String authority() {
        return authority;
    }

    /** All values of a header, case-insensitive name; empty if absent. */
    public List<String> headers(String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }

    /** The header's values trimmed and joined with {@code ", "}, or empty if absent. */
    public Optional<String> header(String name) {
        List<String> values = headers(name);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(v.strip());
        }
        return Optional.of(sb.toString());
    }

    /** Header values are left out: they include the API key. */
    @Override
    public String toString() {
        return "UpgradeRequest[" + requestTarget + ", authority=" + authority + ", headers=" + headers.keySet() + "]";
    }
}
