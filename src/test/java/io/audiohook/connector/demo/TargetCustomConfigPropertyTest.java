package io.audiohook.connector.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.audiohook.connector.testkit.property.CustomConfigGen;
import io.audiohook.connector.testkit.property.Gen;
import io.audiohook.connector.testkit.property.JsonGen;
import io.audiohook.connector.testkit.property.Mutations;
import io.audiohook.connector.testkit.property.Property;
import io.audiohook.connector.testkit.property.Shrink;
import io.audiohook.connector.testkit.property.Texts;

/** The demo caller's Custom Config text: exactly one JSON object is taken, as written; anything else is refused. */
class TargetCustomConfigPropertyTest {
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    static final Target TARGET = Target.of("ws://localhost/", "k", TargetTest.SECRET);

    /** The oracle: the text is one JSON object and nothing else; null when it is not. */
    static JsonNode oneObject(String text) {
        try {
            JsonNode node = STRICT.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void exactlyOneJsonObjectIsTaken() {
        Gen<String> objects = CustomConfigGen.configs(List.of("projects/p/locations/l/conversationProfiles/x"))
                .map(JsonGen::text);
        Gen<String> texts = Gen.<String>choice()
                .or(3, objects)
                .or(4, Mutations.ofText(objects))
                .or(1, objects.map(text -> text + " " + text))
                .or(1, JsonGen.values(3).map(JsonGen::text))
                .or(1, JsonGen.hostileTexts())
                .or(1, Texts.anyStrings(40));
        Property.forAll(texts).trials(2_000).shrinking(Shrink.text())
                .check("a Custom Config is taken exactly when it is one JSON object, else refused the documented way",
                        text -> {
                    JsonNode expected = oneObject(text);
                    Target target;
                    try {
                        target = TARGET.withCustomConfig(text);
                    } catch (IllegalArgumentException refused) {
                        assertEquals(null, expected, "refused: " + refused.getMessage());
                        assertTrue(refused.getMessage().startsWith("the Custom Config must be a JSON object"));
                        return "refused";
                    }
                    assertEquals(expected, target.customConfigJson());
                    return "taken";
                })
                .assertSeen("taken", "refused");
    }
}
