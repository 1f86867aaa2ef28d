package io.audiohook.connector.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** Everything that identifies one AudioHook session and how the client should behave in it. */
public final class SessionConfig {

    URI uri;
    String apiKey;
    String clientSecret;
    String sessionId = UUID.randomUUID().toString();
    String organizationId = UUID.randomUUID().toString();
    String correlationId = UUID.randomUUID().toString();
    String conversationId = UUID.randomUUID().toString();
    Participant participant = new Participant(UUID.randomUUID().toString(), "+1-555-555-1234", "Test Caller", "+1-800-555-6789");
    List<MediaFormat> media = MediaFormat.defaultOffer();
    String language = "en-US";
    Boolean supportedLanguages = false;
    JsonNode customConfig;
    String userAgent = "GenesysCloud-AudioHook-Client";
    String authorityOverride;
    Consumer<GenesysSigner.Input> signatureTweak = in -> { };
    GenesysSigner signer = new GenesysSigner();
    final Map<String, String> extraHeaders = new LinkedHashMap<>();
    final Set<String> omittedHeaders = new LinkedHashSet<>();
    Duration connectTimeout = Duration.ofSeconds(10);
    boolean autoRespond = true;
    int maxRecordedMessages = 10_000;
    int maxPendingSends = 16;

    private SessionConfig(URI uri) {
        this.uri = Objects.requireNonNull(uri);
    }

    /** A regular call: random ids, caller details, the default stereo-first media offer. */
    public static SessionConfig call(URI uri) {
        return new SessionConfig(uri);
    }

    /** A connection probe as Genesys sends when an integration is activated. */
    public static SessionConfig probe(URI uri) {
        SessionConfig c = new SessionConfig(uri);
        c.conversationId = Participant.NULL_UUID;
        c.participant = Participant.probe();
        return c;
    }

    public SessionConfig uri(URI v) { uri = v; return this; }
    public SessionConfig apiKey(String v) { apiKey = v; return this; }
    /** Base64 client secret; null means the upgrade is sent unsigned. */
    public SessionConfig clientSecret(String v) { clientSecret = v; return this; }
    public SessionConfig sessionId(String v) { sessionId = v; return this; }
    public SessionConfig organizationId(String v) { organizationId = v; return this; }
    public SessionConfig correlationId(String v) { correlationId = v; return this; }
    public SessionConfig conversationId(String v) { conversationId = v; return this; }
    public SessionConfig participant(Participant v) { participant = v; return this; }
    public SessionConfig media(List<MediaFormat> v) { media = List.copyOf(v); return this; }
    public SessionConfig media(MediaFormat... v) { media = List.of(v); return this; }
    /** Null leaves the parameter out of open. */
    public SessionConfig language(String v) { language = v; return this; }
    /** Null leaves the parameter out of open. */
    public SessionConfig supportedLanguages(Boolean v) { supportedLanguages = v; return this; }
    public SessionConfig customConfig(JsonNode v) { customConfig = v; return this; }
    /** Null sends none; the JDK may still add its own. */
    public SessionConfig userAgent(String v) { userAgent = v; return this; }
    /** Signs for another authority than the one in the URI (proxy / wrong-host tests). */
    public SessionConfig authorityOverride(String v) { authorityOverride = v; return this; }
    /** Adjusts the signature input just before signing (expired, replayed nonce, keyid mismatch, ...). */
    public SessionConfig signatureTweak(Consumer<GenesysSigner.Input> v) { signatureTweak = v; return this; }
    public SessionConfig signer(GenesysSigner v) { signer = v; return this; }
    /** Sent after the signature is computed, so it can also replace a signed header. */
    public SessionConfig header(String name, String value) { extraHeaders.put(name, value); return this; }
    public SessionConfig withoutHeader(String name) { omittedHeaders.add(name.toLowerCase(java.util.Locale.ROOT)); return this; }
    public SessionConfig connectTimeout(Duration v) { connectTimeout = v; return this; }
    /**
     * When true (default) the client reacts like Genesys: paused for pause/startPaused, resumed
     * for resume, close(disconnect) for disconnect, WebSocket close after closed.
     */
    public SessionConfig autoRespond(boolean v) { autoRespond = v; return this; }
    public SessionConfig maxRecordedMessages(int v) { maxRecordedMessages = v; return this; }
    /** Send backlog above which audio streaming skips a tick instead of queueing more. */
    public SessionConfig maxPendingSends(int v) { maxPendingSends = v; return this; }

    public URI uri() { return uri; }
    public String apiKey() { return apiKey; }
    public String sessionId() { return sessionId; }
    public String organizationId() { return organizationId; }
    public String correlationId() { return correlationId; }
    public String conversationId() { return conversationId; }
    public Participant participant() { return participant; }
    public List<MediaFormat> media() { return new ArrayList<>(media); }

    /** What the server will find in Host: the JDK omits the port only when it is the scheme default. */
    public String authority() {
        if (authorityOverride != null) {
            return authorityOverride;
        }
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
        int port = uri.getPort();
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        boolean defaultPort = port == -1 || port == (secure ? 443 : 80);
        return defaultPort ? host : host + ":" + port;
    }

    public String requestTarget() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
