package io.audiohook.connector.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.contract.ProtocolSchemas;
import io.audiohook.connector.protocol.Channel;
import io.audiohook.connector.testkit.property.CustomConfigGen;
import io.audiohook.connector.testkit.property.JsonGen;
import io.audiohook.connector.testkit.property.Property;

/**
 * {@link CallConfig#parse} against generated {@code customConfig}s of any content: it gives the settings written or
 * its documented refusal naming a key that is at fault, never another exception, and it agrees with the published
 * schema (allowed profiles apart, which only the deployment knows).
 */
class CallConfigPropertyTest {
    static final String DEFAULT = CallConfigTest.DEFAULT;
    static final String SALES = CallConfigTest.SALES;
    static final Set<String> ALLOWED = CallConfigTest.ALLOWED;
    /** Profiles configs choose: the allowed ones and one the deployment does not allow. */
    static final List<String> CHOSEN = List.of(DEFAULT, SALES, "projects/p/locations/l/conversationProfiles/other");

    @Test
    void anyConfigGivesItsSettingsOrARefusalNamingAKeyAtFault() {
        ProtocolSchemas schemas = ProtocolSchemas.shared();
        Property.forAll(CustomConfigGen.configs(CHOSEN).map(config -> (ObjectNode) JsonGen.parse(JsonGen.text(config))))
                .trials(3_000)
                .check("a customConfig gives the settings it writes, or a refusal naming a key the schema refuses",
                        config -> {
                    if (JsonGen.hasStringEndingInLineBreak(config)) {
                        return "the validator's $ takes a final line break";
                    }
                    boolean schemaAccepts;
                    try {
                        schemaAccepts = schemas.validateCustomConfig(config).isEmpty();
                    } catch (NumberFormatException e) {
                        return "the validator cannot read a number"; // networknt on a float beyond double
                    }
                    CallConfig settings;
                    try {
                        settings = CallConfig.parse(config, ALLOWED, "s");
                    } catch (CallConfig.Invalid refused) {
                        String key = refused.getMessage().substring("customConfig.".length()).split(" ")[0];
                        assertTrue(CustomConfigGen.KEYS.contains(key) && config.has(key), refused.getMessage());
                        ObjectNode alone = JsonNodeFactory.instance.objectNode().set(key, config.get(key));
                        boolean profileNotAllowed = key.equals("conversationProfile")
                                && !ALLOWED.contains(config.get(key).asText());
                        assertTrue(profileNotAllowed || !schemas.validateCustomConfig(alone).isEmpty(),
                                "the schema accepts the value refused: " + alone);
                        assertTrue(profileNotAllowed || !schemaAccepts);
                        return "refused: " + key;
                    }
                    assertTrue(schemaAccepts, () -> "accepted; the schema: " + schemas.validateCustomConfig(config));
                    assertEquals(written(config), settings);
                    return config.isEmpty() ? "empty" : "accepted";
                })
                .assertSeen("empty", "accepted", "refused: conversationProfile", "refused: language",
                        "refused: channels", "refused: mode", "refused: agentAssist", "refused: startPaused",
                        "refused: audioEncoding");
    }

    /** The settings a config the parser accepted writes, read key by key. */
    static CallConfig written(ObjectNode config) {
        JsonNode channels = config.path("channels");
        return new CallConfig(text(config, "conversationProfile"), text(config, "language"),
                channels.isObject() ? Channel.fromWire(channels.get("customer").textValue()).orElseThrow()
                        : Channel.EXTERNAL,
                text(config, "mode").flatMap(CallMode::fromWire),
                config.has("agentAssist") ? Optional.of(config.get("agentAssist").booleanValue()) : Optional.empty(),
                config.has("startPaused") ? Optional.of(config.get("startPaused").booleanValue()) : Optional.empty(),
                text(config, "audioEncoding").flatMap(RecognizerEncoding::fromWireName));
    }

    static Optional<String> text(ObjectNode config, String key) {
        return config.has(key) ? Optional.of(config.get(key).textValue()) : Optional.empty();
    }
}
