package io.audiohook.connector.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test vectors from the protocol brief (§2.5) and helpers to build requests from them. */
final class Vectors {

    static final String API_KEY = "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";
    static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";
    static final String PATH = "/api/v1/voicebiometrics/ws";
    static final String HOST = "audiohook.example.com";
    static final String ORG = "d7934305-0972-4844-938e-9060eef73d05";
    static final String SESSION = "30b0e395-84d3-4570-ac13-9a62d8f514c0";
    static final String CORRELATION = "e160e428-53e2-487c-977d-96989bf5c99d";
    static final String NONCE = "VGhpc0lzQVVuaXF1ZU5vbmNl";
    static final long CREATED = 1641013200L;
    static final long EXPIRES = 3282026430L;

    static final String COMPONENTS_A = "(\"@request-target\" \"@authority\" \"audiohook-organization-id\" "
            + "\"audiohook-session-id\" \"audiohook-correlation-id\" \"x-api-key\")";
    static final String PARAMS_A = ";keyid=\"" + API_KEY + "\";nonce=\"" + NONCE
            + "\";alg=\"hmac-sha256\";created=" + CREATED + ";expires=" + EXPIRES;
    static final String SIGNATURE_INPUT_A = "sig1=" + COMPONENTS_A + PARAMS_A;
    static final String SIGNATURE_A = "sig1=:NZBwyBHRRyRoeLqy1IzOa9VYBuI8TgMFt2GRDkDuJh4=:";

    static final String BASE_A = String.join("\n",
            "\"@request-target\": /api/v1/voicebiometrics/ws",
            "\"@authority\": audiohook.example.com",
            "\"audiohook-organization-id\": d7934305-0972-4844-938e-9060eef73d05",
            "\"audiohook-session-id\": 30b0e395-84d3-4570-ac13-9a62d8f514c0",
            "\"audiohook-correlation-id\": e160e428-53e2-487c-977d-96989bf5c99d",
            "\"x-api-key\": SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh",
            "\"@signature-params\": " + COMPONENTS_A + PARAMS_A);

    static final String SIGNATURE_INPUT_B = SIGNATURE_INPUT_A.replace("\"@authority\"", "\"host\"");
    static final String MAC_B = "zupMJUMfd/kMuvKc5zhRyfJPE3jTROuz1S1hn8SCTpE=";

    static final String SIGNATURE_INPUT_C = SIGNATURE_INPUT_A.replace("expires=" + EXPIRES, "expires=1641013230");
    static final String MAC_C = "13MrOmtEIFb8cH00czAZWdEkgJr9QlnAQABRRF1A2gE=";

    static final String KEY_D = "uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==";
    static final String SIGNATURE_INPUT_D =
            "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"";
    static final String SIGNATURE_D = "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:";

    static final Clock AT_CREATED = clockAt(CREATED);

    private Vectors() {
    }

    static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static ApiKey keyA() {
        return ApiKey.of(API_KEY, SECRET);
    }

    /** Vector A's unsigned headers, in Genesys' order. */
    static Map<String, List<String>> baseHeaders() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Host", List.of(HOST));
        h.put("Connection", List.of("Upgrade"));
        h.put("Upgrade", List.of("websocket"));
        h.put("Sec-WebSocket-Key", List.of("SSdtIGEgV2ViU29ja2V0IQ=="));
        h.put("Sec-WebSocket-Version", List.of("13"));
        h.put("User-Agent", List.of("GenesysCloud-AudioHook-Client"));
        h.put("Audiohook-Organization-Id", List.of(ORG));
        h.put("Audiohook-Session-Id", List.of(SESSION));
        h.put("Audiohook-Correlation-Id", List.of(CORRELATION));
        h.put("X-API-KEY", List.of(API_KEY));
        return h;
    }

    static Map<String, List<String>> signedHeaders(String signatureInput, String signature) {
        Map<String, List<String>> h = baseHeaders();
        h.put("Signature-Input", List.of(signatureInput));
        h.put("Signature", List.of(signature));
        return h;
    }

    static UpgradeRequest requestA() {
        return UpgradeRequest.of(PATH, signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A));
    }

    static UpgradeRequest request(Map<String, List<String>> headers) {
        return UpgradeRequest.of(PATH, headers);
    }
}
