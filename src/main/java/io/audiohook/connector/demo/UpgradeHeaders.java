package io.audiohook.connector.demo;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.audiohook.connector.auth.RequestSigner;

/** The headers Genesys puts on the upgrade request of a call: API key, the three ids, the message signature. */
final class UpgradeHeaders {

    private UpgradeHeaders() {
    }

    static Map<String, String> of(Target target, CallIds ids) {
        URI uri = target.uri();
        RequestSigner.SignedHeaders signed = new RequestSigner(target.key())
                .sign(requestTarget(uri), authority(uri), ids.organizationId(), ids.sessionId(), ids.correlationId());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-API-KEY", target.apiKey());
        headers.put("Audiohook-Organization-Id", ids.organizationId());
        headers.put("Audiohook-Session-Id", ids.sessionId());
        headers.put("Audiohook-Correlation-Id", ids.correlationId());
        headers.put("Signature-Input", signed.signatureInput());
        headers.put("Signature", signed.signature());
        return headers;
    }

    /** What the server finds in {@code Host}: the JDK leaves the port out only when it is the scheme's default. */
    static String authority(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        int defaultPort = "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return port == -1 || port == defaultPort ? host : host + ":" + port;
    }

    /** Path plus query as they go on the request line: that is what {@code @request-target} signs. */
    static String requestTarget(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
