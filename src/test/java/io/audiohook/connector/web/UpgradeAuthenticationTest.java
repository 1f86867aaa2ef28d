package io.audiohook.connector.web;

import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.attempt;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static io.audiohook.connector.testkit.TestCalls.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.audiohook.connector.app.AuthConfig;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.ConnectResult;
import io.audiohook.connector.client.GenesysSigner;
import io.audiohook.connector.client.Received;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.call.CallRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.audiohook.connector.testkit.TestCalls;
import io.audiohook.connector.testkit.ConnectorTest;

/**
 * The upgrade request is authenticated before any WebSocket exists: every failure is a bare 401 (after the
 * minimum failure delay), malformed ids are a 400, and only a request that passes everything gets a 101. Each
 * refusal is also checked on the server side: no live session, no call record, and the refusal counted
 * under the reason the case is meant to exercise (so a test cannot pass for the wrong reason).
 */
@QuarkusTest
class UpgradeAuthenticationTest extends ConnectorTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String OTHER_SECRET = Base64.getEncoder()
            .encodeToString("another-client-secret-32-bytes!!".getBytes(StandardCharsets.US_ASCII));


    @Inject
    LiveSessions sessions;

    @Inject
    CallRecorder recorder;

    @Inject
    MeterRegistry meters;

    @Inject
    AuthConfig auth;

    @BeforeEach
    void noSessionLeftOver() {
        // Sessions of earlier tests end on their own (close transaction, timeouts); wait so the count is a baseline.
        TestCalls.eventually(() -> sessions.active() == 0);
    }

    // ---------------------------------------------------------------- refused with 401

    @Test
    void missingApiKey() {
        assertUnauthorized(call(endpoint).apiKey(null).clientSecret(null), "missing_api_key");
    }

    @Test
    void missingApiKeyHeaderOnASignedRequest() {
        assertUnauthorized(call(endpoint).withoutHeader("X-API-KEY"), "missing_api_key");
    }

    @Test
    void unknownApiKey() {
        assertUnauthorized(call(endpoint).apiKey("no-such-key"), "unknown_api_key");
    }

    @Test
    void wrongSecret() {
        assertUnauthorized(call(endpoint).clientSecret(OTHER_SECRET), "failed");
    }

    @Test
    void expiredSignature() {
        long created = Instant.now().getEpochSecond() - 60;
        assertUnauthorized(call(endpoint).signatureTweak(in -> in.created(created)), "expired");
    }

    @Test
    void signatureCreatedInTheFuture() {
        long created = Instant.now().getEpochSecond() + 60;
        assertUnauthorized(call(endpoint).signatureTweak(in -> in.created(created)), "expired");
    }

    @Test
    void replayedSignatureIsRefusedTheSecondTime() {
        String nonce = new GenesysSigner().newNonce();
        long created = Instant.now().getEpochSecond();
        SessionConfig replayed = call(endpoint).signatureTweak(in -> in.nonce(nonce).created(created));

        ConnectResult first = attempt(replayed);
        assertEquals(101, first.httpStatus(), "first use of the signature: " + first.failure());
        AudioHookClient client = first.require();
        await(client.open());
        await(client.close("end"));
        client.awaitClose(WAIT);
        assertConformant(client);
        TestCalls.eventually(() -> sessions.active() == 0);

        List<String> firstEvents = recorder.call(replayed.sessionId()).orElseThrow().events();
        ConnectResult second = assertUnauthorized(replayed, "replayed");
        assertEquals(firstEvents, recorder.call(replayed.sessionId()).orElseThrow().events());
        Map<String, String> headers = first.client().upgradeHeaders();
        assertEquals(headers, second.client().upgradeHeaders(), "the very same headers were sent twice");
        assertTrue(headers.get("Signature-Input").contains("nonce=\"" + nonce + "\""));
    }

    @Test
    void keyIdDifferentFromApiKey() {
        assertUnauthorized(call(endpoint).signatureTweak(in -> in.keyId(TestCalls.UNSIGNED_KEY)), "precondition");
    }

    @Test
    void nonceShorterThan22Characters() {
        String nonce = "abcdefghijklmnopqrstu"; // 21
        assertEquals(21, nonce.length());
        assertUnauthorized(call(endpoint).signatureTweak(in -> in.nonce(nonce)), "precondition");
    }

    @Test
    void unsignedRequestForAKeyWithASecret() {
        assertUnauthorized(call(endpoint).clientSecret(null), "unsigned");
    }

    @Test
    void signatureCoveringHostInsteadOfAuthority() {
        List<String> components = new ArrayList<>(GenesysSigner.COMPONENTS);
        components.set(components.indexOf("@authority"), "host");
        assertUnauthorized(call(endpoint).signatureTweak(in -> in.components(components)), "invalid");
    }

    @Test
    void signedForAnotherAuthority() {
        SessionConfig other = call(endpoint).authorityOverride("audiohook.example.com");
        assertUnauthorized(other, "failed");
    }

    @Test
    void refusalWaitsAtLeastTheMinimumFailureDelay() {
        Duration delay = auth.failureDelay();
        assertEquals(Duration.ofMillis(200), delay, "the %test profile's failure delay");
        long started = System.nanoTime();
        ConnectResult result = attempt(call(endpoint).clientSecret(OTHER_SECRET));
        long elapsed = System.nanoTime() - started;
        assertEquals(401, result.httpStatus());
        // Only the lower bound is a guarantee; how much longer it takes depends on the machine.
        assertTrue(elapsed >= delay.toNanos(), "refused after " + elapsed / 1_000_000 + " ms");
    }

    // ---------------------------------------------------------------- admitted

    @Test
    void signedRequestIsUpgraded() {
        AudioHookClient client = connect(call(endpoint));
        await(client.open());
        await(client.close("end"));
        client.awaitClose(WAIT);
        assertEquals(List.of("opened", "closed"), types(client));
        assertTrue(recorder.call(client.config().sessionId()).isPresent());
        assertConformant(client);
    }

    @Test
    void unsignedRequestForAKeyWithoutSecretIsUpgraded() {
        SessionConfig unsigned = call(endpoint).apiKey(TestCalls.UNSIGNED_KEY).clientSecret(null);
        AudioHookClient client = connect(unsigned);
        assertFalse(client.upgradeHeaders().containsKey("Signature"));
        await(client.open());
        await(client.close("end"));
        client.awaitClose(WAIT);
        assertEquals(List.of("opened", "closed"), types(client));
        assertConformant(client);
    }

    @Test
    void organizationInOpenDifferentFromTheHeaderIsDisconnectedUnauthorized() {
        String signedOrganization = UUID.randomUUID().toString();
        // A correctly signed upgrade for one organization whose open then names another.
        SessionConfig mismatch = call(endpoint)
                .signatureTweak(in -> in.organizationId(signedOrganization))
                .header(UpgradeGuard.ORGANIZATION_ID, signedOrganization);
        AudioHookClient client = connect(mismatch);
        assertEquals(signedOrganization, client.upgradeHeaders().get(UpgradeGuard.ORGANIZATION_ID));
        client.open();
        Received disconnect = client.awaitMessage("disconnect", WAIT);
        assertEquals("unauthorized", disconnect.parameters().path("reason").asText());
        assertFalse(disconnect.parameters().has("info"), "no detail for an unauthorized session: " + disconnect.json());
        Received closed = client.awaitMessage("closed", WAIT);
        assertEquals(2, closed.clientseq(), "closed answers the client's close (seq 2)");
        client.awaitClose(WAIT);
        assertEquals(List.of("disconnect", "closed"), types(client));
        assertTrue(recorder.call(client.config().sessionId()).isEmpty(), "an unauthorized session reaches no backend");
        assertConformant(client);
    }

    // ---------------------------------------------------------------- refused with 400

    @Test
    void sessionIdNotAUuid() {
        assertRefused(call(endpoint).sessionId("not-a-uuid"), 400, "bad_headers");
    }

    @Test
    void organizationIdNotAUuid() {
        assertRefused(call(endpoint).organizationId("d7934305-0972-4844-938e"), 400, "bad_headers");
    }

    @Test
    void correlationIdNotAUuid() {
        assertRefused(call(endpoint).correlationId("e160e428-53e2-487c-977d-96989bf5c99dx"), 400, "bad_headers");
    }

    @Test
    void missingSessionIdHeader() {
        assertRefused(call(endpoint).withoutHeader(UpgradeGuard.SESSION_ID), 400, "bad_headers");
    }

    // ---------------------------------------------------------------- on the wire

    @Test
    void rawRefusalRevealsNothing() throws IOException {
        String apiKey = "raw-socket-wrong-key-" + UUID.randomUUID();
        String organization = UUID.randomUUID().toString();
        String session = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        String authority = endpoint.getHost() + ":" + endpoint.getPort();
        GenesysSigner.Signed signed = new GenesysSigner().sign(new GenesysSigner.Input()
                .requestTarget(endpoint.getRawPath()).authority(authority).organizationId(organization)
                .sessionId(session).correlationId(correlation).apiKey(apiKey).secret(TestCalls.SECRET));
        String request = "GET " + endpoint.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + authority + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "User-Agent: GenesysCloud-AudioHook-Client\r\n"
                + "Audiohook-Organization-Id: " + organization + "\r\n"
                + "Audiohook-Session-Id: " + session + "\r\n"
                + "Audiohook-Correlation-Id: " + correlation + "\r\n"
                + "X-API-KEY: " + apiKey + "\r\n"
                + "Signature-Input: " + signed.signatureInput() + "\r\n"
                + "Signature: " + signed.signature() + "\r\n"
                + "\r\n";

        RawResponse response;
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            response = RawResponse.read(socket);
        }

        assertTrue(response.head.startsWith("HTTP/1.1 401"), "status line: " + response.head);
        String everything = response.head + response.body + response.trailing;
        assertFalse(everything.contains(" 101"), "no 101 anywhere: " + everything);
        assertFalse(everything.toLowerCase(Locale.ROOT).contains("switching protocols"), everything);
        assertFalse(everything.contains(apiKey), "the key is not echoed");
        assertFalse(everything.contains(signed.signature().substring(6, 20)), "the signature is not echoed");
        String body = response.body.toLowerCase(Locale.ROOT);
        for (String word : List.of("signature", "expired", "key", "nonce", "secret", "hmac")) {
            assertFalse(body.contains(word), "body mentions '" + word + "': " + response.body);
        }
        assertEquals("", response.trailing, "nothing follows the refusal");
        assertEquals(0, sessions.active());
        assertTrue(recorder.call(session).isEmpty());
    }

    // ---------------------------------------------------------------- helpers

    private ConnectResult assertUnauthorized(SessionConfig config, String reason) {
        return assertRefused(config, 401, reason);
    }

    private ConnectResult assertRefused(SessionConfig config, int status, String reason) {
        int activeBefore = sessions.active();
        // empty, except for the replay case whose first (admitted) use made a record under the same session id
        var recordBefore = recorder.call(config.sessionId());
        double refusedBefore = refused(reason);
        long started = System.nanoTime();
        ConnectResult result = attempt(config);
        long elapsed = System.nanoTime() - started;
        assertEquals(status, result.httpStatus(), "upgrade answer; failure: " + result.failure());
        assertFalse(result.connected(), "no WebSocket");
        assertNotNull(result.failure());
        assertEquals(activeBefore, sessions.active(), "no session was created");
        assertTrue(sessions.sessions().stream().noneMatch(l -> l.protocol().sessionId().equals(config.sessionId())));
        assertEquals(recordBefore, recorder.call(config.sessionId()), "no (new) call record");
        assertEquals(refusedBefore + 1, refused(reason), "refused for reason " + reason);
        if (status == 401) {
            assertTrue(elapsed >= auth.failureDelay().toNanos(),
                    "401 after only " + elapsed / 1_000_000 + " ms");
        }
        return result;
    }

    private double refused(String reason) {
        Counter counter = meters.find("audiohook.upgrades.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** One HTTP response read off a raw socket: head, body (by Content-Length, chunked or to EOF) and anything after. */
    private record RawResponse(String head, String body, String trailing) {
        static RawResponse read(Socket socket) throws IOException {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = { '\r', '\n', '\r', '\n' };
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("connection closed inside the response head: " + head);
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            String lower = headText.toLowerCase(Locale.ROOT);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int length = contentLength(lower);
            if (length >= 0) {
                body.write(in.readNBytes(length));
            } else if (lower.contains("transfer-encoding: chunked")) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                while (!raw.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    raw.write(b);
                }
                body.write(raw.toByteArray());
            } else {
                body.write(in.readAllBytes());
            }
            // Whatever else the server might send on this connection (it must be nothing): read until it
            // closes or stays silent for a moment.
            ByteArrayOutputStream trailing = new ByteArrayOutputStream();
            socket.setSoTimeout(500);
            try {
                byte[] buffer = new byte[1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    trailing.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException silent) {
                // nothing more
            } catch (IOException reset) {
                // the server dropping the connection is fine too
            }
            return new RawResponse(headText, body.toString(StandardCharsets.UTF_8),
                    trailing.toString(StandardCharsets.ISO_8859_1));
        }

        private static int contentLength(String lowerHead) {
            for (String line : lowerHead.split("\r\n")) {
                if (line.startsWith("content-length:")) {
                    return Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            return -1;
        }
    }
}
