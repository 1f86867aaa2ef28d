package io.audiohook.connector.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.audiohook.connector.protocol.OpenParameters;

/** A language Dialogflow refused for a profile is no longer offered to that profile's calls, and only to them. */
class LanguageSupportTest {
    static final String SALES = "projects/p/locations/l/conversationProfiles/sales";

    static OpenParameters open(String customConfig) throws Exception {
        return new OpenParameters("org", "conv", null, List.of(), Optional.of("en-US"), true, List.of(),
                (ObjectNode) new ObjectMapper().readTree(customConfig));
    }

    static CallSession session(LanguageSupport languages) {
        return new CallSession("s", "c", null, (info, control) -> new CallListener() {
        }, Set.of(SALES), CallMode.MONITOR, languages, end -> {
        });
    }

    @Test
    void refusalsAreKeptPerProfile() throws Exception {
        LanguageSupport languages = new LanguageSupport();
        assertEquals(Set.of(), session(languages).admit(open("{}")).notOffered());
        languages.refused(Optional.empty(), "ja-JP");
        languages.refused(Optional.of(SALES), "fr-FR");
        languages.refused(Optional.of(SALES), "FR-fr"); // the same, told once
        assertEquals(Set.of("ja-jp"), session(languages).admit(open("{}")).notOffered(), "the default profile's");
        assertEquals(Set.of("fr-fr"), session(languages)
                .admit(open("{\"conversationProfile\":\"" + SALES + "\"}")).notOffered(), "the sales profile's");
    }

    @Test
    void theRefusalsAreBounded() {
        LanguageSupport languages = new LanguageSupport();
        for (int i = 0; i < 2 * LanguageSupport.MAX_REFUSALS; i++) {
            languages.refused(Optional.of("p" + i), "xx-XX");
        }
        int kept = 0;
        for (int i = 0; i < 2 * LanguageSupport.MAX_REFUSALS; i++) {
            kept += languages.refusedFor(Optional.of("p" + i)).size();
        }
        assertEquals(LanguageSupport.MAX_REFUSALS, kept);
    }
}
