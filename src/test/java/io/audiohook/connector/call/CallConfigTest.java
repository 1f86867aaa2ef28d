package io.audiohook.connector.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.contract.ProtocolSchemas;
import io.audiohook.connector.protocol.Channel;

/** Every customConfig key, the refusals that name it, and the published schema agreeing with the parser. */
class CallConfigTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT = "projects/p/locations/l/conversationProfiles/default";
    static final String SALES = "projects/p/locations/l/conversationProfiles/sales";
    static final Set<String> ALLOWED = Set.of(DEFAULT, SALES);

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static CallConfig parse(String text) throws CallConfig.Invalid {
        return CallConfig.parse(json(text), ALLOWED, "s");
    }

    @Test
    void nothingConfiguredIsTheDeploymentsDefaults() throws Exception {
        assertSame(CallConfig.DEFAULTS, parse("{}"));
        assertSame(CallConfig.DEFAULTS, CallConfig.parse(null, ALLOWED, "s"));
        assertEquals(Channel.EXTERNAL, CallConfig.DEFAULTS.customerChannel());
        assertEquals(Channel.INTERNAL, CallConfig.DEFAULTS.agentChannel());
    }

    @Test
    void everyKey() throws Exception {
        CallConfig config = parse("""
                {"conversationProfile":"%s","language":"fr-CA","channels":{"customer":"internal","agent":"external"},
                 "mode":"monitor","agentAssist":false,"startPaused":true,
                 "audioEncoding":"linear16-16k"}""".formatted(SALES));
        assertEquals(Optional.of(SALES), config.conversationProfile());
        assertEquals(Optional.of("fr-CA"), config.language());
        assertEquals(Channel.INTERNAL, config.customerChannel());
        assertEquals(Channel.EXTERNAL, config.agentChannel());
        assertEquals(Optional.of(CallMode.MONITOR), config.mode());
        assertEquals(Optional.of(false), config.agentAssist());
        assertEquals(Optional.of(true), config.startPaused());
        assertEquals(Optional.of(RecognizerEncoding.LINEAR16_16K), config.audioEncoding());
        assertEquals("customer=internal profile=" + SALES
                + " language=fr-CA mode=monitor agentAssist=false startPaused=true audioEncoding=linear16-16k",
                config.summary());
        for (RecognizerEncoding encoding : RecognizerEncoding.values()) {
            assertEquals(Optional.of(encoding),
                    parse("{\"audioEncoding\":\"" + encoding.wireName() + "\"}").audioEncoding());
        }
        assertEquals(Optional.empty(), CallConfig.DEFAULTS.audioEncoding(), "the deployment's setting");
        assertEquals(Optional.of(CallMode.TRANSCRIPTION), parse("{\"mode\":\"transcription\"}").mode());
    }

    @Test
    void unknownKeysAreIgnoredForForwardCompatibility() throws Exception {
        CallConfig config = parse("{\"agentassist\":true,\"queue\":\"sales\",\"language\":\"en-GB\"}");
        assertEquals(Optional.of("en-GB"), config.language());
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() {
        record Bad(String config, String key) {
        }
        for (Bad bad : List.of(
                new Bad("{\"conversationProfile\":\"projects/p/locations/l/conversationProfiles/other\"}",
                        "conversationProfile"),
                new Bad("{\"conversationProfile\":\"sales\"}", "conversationProfile"),
                new Bad("{\"conversationProfile\":7}", "conversationProfile"),
                new Bad("{\"language\":\"english please\"}", "language"),
                new Bad("{\"language\":[\"en-US\"]}", "language"),
                new Bad("{\"channels\":{\"customer\":\"internal\"}}", "channels"),
                new Bad("{\"channels\":{\"customer\":\"internal\",\"agent\":\"internal\"}}", "channels"),
                new Bad("{\"channels\":{\"customer\":\"left\",\"agent\":\"right\"}}", "channels"),
                new Bad("{\"channels\":{\"customer\":\"external\",\"agent\":\"internal\",\"ivr\":\"internal\"}}",
                        "channels"),
                new Bad("{\"channels\":\"swap\"}", "channels"),
                new Bad("{\"mode\":\"transcribe\"}", "mode"),
                new Bad("{\"mode\":true}", "mode"),
                new Bad("{\"agentAssist\":\"no\"}", "agentAssist"),
                new Bad("{\"startPaused\":1}", "startPaused"),
                new Bad("{\"audioEncoding\":\"LINEAR16-16K\"}", "audioEncoding"),
                new Bad("{\"audioEncoding\":\"linear16-48k\"}", "audioEncoding"),
                new Bad("{\"audioEncoding\":16000}", "audioEncoding"))) {
            CallConfig.Invalid refused = assertThrows(CallConfig.Invalid.class, () -> parse(bad.config()), bad.config());
            assertTrue(refused.getMessage().startsWith("customConfig." + bad.key() + " "), refused.getMessage());
        }
    }

    @Test
    void thePublishedSchemaAcceptsWhatTheParserAcceptsAndRefusesWhatItRefuses() throws Exception {
        ProtocolSchemas schemas = ProtocolSchemas.shared();
        for (String valid : List.of("{}", "{\"language\":\"en-US\",\"startPaused\":false}",
                "{\"channels\":{\"customer\":\"internal\",\"agent\":\"external\"},\"mode\":\"monitor\"}",
                "{\"mode\":\"transcription\",\"agentAssist\":false}",
                "{\"audioEncoding\":\"mulaw-8k\"}", "{\"audioEncoding\":\"linear16-8k\"}",
                "{\"audioEncoding\":\"linear16-16k\"}",
                "{\"conversationProfile\":\"" + SALES + "\",\"agentAssist\":true,\"somethingNew\":{\"x\":1}}")) {
            assertEquals(Set.of(), schemas.validateCustomConfig(json(valid)), valid);
            parse(valid);
        }
        for (String invalid : List.of("{\"language\":\"english please\"}", "{\"mode\":\"Transcription\"}",
                "{\"channels\":{\"customer\":\"external\",\"agent\":\"external\"}}",
                "{\"channels\":{\"customer\":\"internal\"}}", "{\"agentAssist\":\"no\"}",
                "{\"conversationProfile\":\"sales\"}", "{\"audioEncoding\":\"linear16\"}",
                "{\"audioEncoding\":\"Mulaw-8k\"}", "{\"audioEncoding\":8000}")) {
            assertTrue(!schemas.validateCustomConfig(json(invalid)).isEmpty(), "the schema refuses " + invalid);
            assertThrows(CallConfig.Invalid.class, () -> parse(invalid), invalid);
        }
    }
}
