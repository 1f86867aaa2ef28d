package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.dialogflow.v2beta1.Participant;

/** Which profile a served name gets, what the file may leave out, and the rules a file must keep. */
class AssistProfilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FIRST = EmulatedCall.PARENT + "/conversationProfiles/first";
    static final String SECOND = EmulatedCall.PARENT + "/conversationProfiles/second";
    static final String OTHER = EmulatedCall.PARENT + "/conversationProfiles/other";
    static final String GENERATOR = EmulatedCall.PARENT + "/generators/notes";

    @Test
    void aListedNameGetsItsProfileAnyOtherTheFirstUnderItsOwnName() {
        AssistProfiles profiles = load("""
                {"conversationProfiles": [
                  {"name": "%s", "humanAgentAssistantConfig": {"humanAgentSuggestionConfig": {"featureConfigs": [
                     {"suggestionFeature": {"type": "FAQ"}}]}}},
                  {"name": "%s", "sttConfig": {"model": "telephony", "languageCode": "de-DE"},
                   "humanAgentAssistantConfig": {"endUserSuggestionConfig": {"featureConfigs": [
                     {"suggestionFeature": {"type": "ENTITY_EXTRACTION"}}], "groupSuggestionResponses": true}}}]}
                """.formatted(FIRST, SECOND), FIRST, SECOND, OTHER);

        assertEquals(new LinkedHashSet<>(List.of(FIRST, SECOND, OTHER)), profiles.names());
        AssistProfile other = profiles.of(OTHER);
        assertEquals(OTHER, other.name());
        assertEquals(FeatureKind.FAQ, other.forAgent().features().get(0).kind());
        assertEquals("en-US", other.proto().getSttConfig().getLanguageCode(), "filled in from the settings");
        assertEquals("latest_long", other.model());
        assertEquals("en-US", other.proto().getLanguageCode());

        AssistProfile second = profiles.of(SECOND);
        assertEquals("telephony", second.model(), "the file's own speech settings win");
        assertEquals("de-DE", second.proto().getSttConfig().getLanguageCode());
        assertEquals(List.of(), second.forAgent().features());
        assertEquals(FeatureKind.ENTITY_EXTRACTION, second.setupFor(Participant.Role.END_USER).features().get(0).kind());
        assertTrue(second.forCustomer().grouped());
        assertTrue(profiles.find(EmulatedCall.PARENT + "/conversationProfiles/unserved").isEmpty());
    }

    @Test
    void generatorsAreServedAndResolvedForTheirProfiles() {
        AssistProfiles profiles = load("""
                {"conversationProfiles": [{"name": "%s", "humanAgentAssistantConfig": {
                   "humanAgentSuggestionConfig": {"generators": ["%s"]},
                   "endUserSuggestionConfig": {"generators": ["%s"]}}}],
                 "generators": [{"name": "%s", "triggerEvent": "MANUAL_CALL",
                                 "summarizationContext": {"summarizationSections": [{"type": "SITUATION"}]}}]}
                """.formatted(FIRST, GENERATOR, GENERATOR, GENERATOR), FIRST);
        assertEquals(GENERATOR, profiles.generator(GENERATOR).orElseThrow().getName());
        assertEquals(1, profiles.of(FIRST).generators().size(), "named by both roles, counted once");
        assertFalse(profiles.generator(GENERATOR + "x").isPresent());
        assertEquals(1, profiles.generatorCount());
    }

    @Test
    void theShippedFileIsTheDemosProfile() {
        AssistProfiles profiles = file("emulator/profiles.json", EmulatedCall.PROFILE, OTHER);
        AssistProfile shipped = profiles.of(EmulatedCall.PROFILE);
        assertEquals(List.of(FeatureKind.FAQ, FeatureKind.KNOWLEDGE_ASSIST, FeatureKind.ARTICLE_SUGGESTION,
                FeatureKind.SMART_REPLY, FeatureKind.CONVERSATION_SUMMARIZATION), kinds(shipped.forAgent()));
        assertEquals(List.of(FeatureKind.FAQ), kinds(shipped.forCustomer()));
        assertTrue(shipped.sentiment());
        assertEquals("latest_long", shipped.model());
        assertEquals(kinds(shipped.forAgent()), kinds(profiles.of(OTHER).forAgent()));
    }

    @Test
    void theTestFileHasAProfileForEachCase() {
        String parent = EmulatedCall.PARENT + "/conversationProfiles/";
        AssistProfiles profiles = file("emulator/test-profiles.json", EmulatedCall.PROFILE, EmulatedCall.ROLES,
                EmulatedCall.ALL_KINDS, EmulatedCall.GENERATORS, EmulatedCall.NO_SUMMARY, parent + "emulated-sales");
        assertEquals(kinds(file("emulator/profiles.json", EmulatedCall.PROFILE).of(EmulatedCall.PROFILE).forAgent()),
                kinds(profiles.of(EmulatedCall.PROFILE).forAgent()), "the shipped default");
        assertEquals(kinds(profiles.of(EmulatedCall.PROFILE).forAgent()),
                kinds(profiles.of(parent + "emulated-sales").forAgent()));
        assertEquals(List.of(FeatureKind.SMART_REPLY, FeatureKind.KNOWLEDGE_ASSIST),
                kinds(profiles.of(EmulatedCall.ROLES).forAgent()));
        assertEquals(List.of(FeatureKind.ARTICLE_SUGGESTION, FeatureKind.FAQ),
                kinds(profiles.of(EmulatedCall.ROLES).forCustomer()));
        assertEquals(List.of(FeatureKind.FAQ, FeatureKind.ARTICLE_SUGGESTION, FeatureKind.SMART_REPLY,
                FeatureKind.KNOWLEDGE_ASSIST, FeatureKind.DIALOGFLOW_ASSIST, FeatureKind.ENTITY_EXTRACTION,
                FeatureKind.CONVERSATION_SUMMARIZATION), kinds(profiles.of(EmulatedCall.ALL_KINDS).forAgent()));
        assertEquals(2, profiles.of(EmulatedCall.ALL_KINDS).generators().size());
        assertEquals(List.of(FeatureKind.FAQ), kinds(profiles.of(EmulatedCall.GENERATORS).forAgent()));
        assertEquals(1, profiles.of(EmulatedCall.GENERATORS).generators().size());
        assertEquals(List.of(FeatureKind.FAQ), kinds(profiles.of(EmulatedCall.NO_SUMMARY).forAgent()));
        assertEquals(3, profiles.generatorCount());
    }

    private static List<FeatureKind> kinds(AssistProfile.SuggestionSetup setup) {
        return setup.features().stream().map(AssistProfile.Feature::kind).toList();
    }

    private static AssistProfiles file(String resource, String... served) {
        return AssistProfiles.of(ProfileFile.parse(TextFiles.text(resource), resource), resource,
                new LinkedHashSet<>(List.of(served)), "en-US", "latest_long");
    }

    @Test
    void withoutAFileEveryProfileHasSpeechSettingsOnly() {
        AssistProfiles profiles = AssistProfiles.bare(Set.of(FIRST), "en-GB", "phone_call");
        AssistProfile profile = profiles.of(FIRST);
        assertEquals("phone_call", profile.model());
        assertEquals("en-GB", profile.proto().getSttConfig().getLanguageCode());
        assertEquals(List.of(), profile.forAgent().features());
        assertFalse(profile.sentiment());
    }

    @Test
    void aFileThatBreaksARuleIsRefusedWithWhereAndWhy() {
        refused("p.json: conversationProfiles[0]: name 'bad' is not of the form "
                + "projects/<id>/locations/<id>/conversationProfiles/<id>", "{\"conversationProfiles\": [{\"name\": \"bad\"}]}");
        refused("is listed twice", "{\"conversationProfiles\": [{\"name\": \"%s\"}, {\"name\": \"%s\"}]}"
                .formatted(FIRST, FIRST));
        refused("FAQ is configured twice", features("{\"suggestionFeature\": {\"type\": \"FAQ\"}},"
                + "{\"suggestionFeature\": {\"type\": \"FAQ\"}}"));
        refused("featureConfigs[0]: suggestionFeature.type is missing", features("{\"enableEventBasedSuggestion\": true}"));
        refused("queryConfig.maxResults 21 is not within 0", features(
                "{\"suggestionFeature\": {\"type\": \"FAQ\"}, \"queryConfig\": {\"maxResults\": 21}}"));
        refused("confidenceThreshold 1.5 is not within", features(
                "{\"suggestionFeature\": {\"type\": \"FAQ\"}, \"queryConfig\": {\"confidenceThreshold\": 1.5}}"));
        refused("FAQ cannot take a DOCUMENT_QUERY_SOURCE", features("{\"suggestionFeature\": {\"type\": \"FAQ\"}, "
                + "\"queryConfig\": {\"documentQuerySource\": {\"documents\": [\"d\"]}}}"));
        refused("sections need conversationModelConfig.baselineModelVersion \"2.0\"", features(
                "{\"suggestionFeature\": {\"type\": \"CONVERSATION_SUMMARIZATION\"}, "
                        + "\"queryConfig\": {\"sections\": {\"sectionTypes\": [\"SITUATION\"]}}}"));
        refused("generators names " + GENERATOR + ", which the file's generators do not list",
                "{\"conversationProfiles\": [{\"name\": \"%s\", \"humanAgentAssistantConfig\": "
                        .formatted(FIRST) + "{\"humanAgentSuggestionConfig\": {\"generators\": [\"" + GENERATOR + "\"]}}}]}");
        refused("generators[0] has no context", generator("\"triggerEvent\": \"MANUAL_CALL\""));
        refused("a CUSTOMER_DEFINED section needs a key", generator(
                "\"summarizationContext\": {\"summarizationSections\": [{\"type\": \"CUSTOMER_DEFINED\"}]}"));
        refused("a concise section is only available if its full one", generator("\"summarizationContext\": "
                + "{\"summarizationSections\": [{\"type\": \"SITUATION\"}, {\"type\": \"SITUATION_CONCISE\"}]}"));
    }

    private static String features(String configs) {
        return "{\"conversationProfiles\": [{\"name\": \"" + FIRST + "\", \"humanAgentAssistantConfig\": "
                + "{\"humanAgentSuggestionConfig\": {\"featureConfigs\": [" + configs + "]}}}]}";
    }

    private static String generator(String fields) {
        return "{\"conversationProfiles\": [{\"name\": \"" + FIRST + "\"}], \"generators\": [{\"name\": \""
                + GENERATOR + "\", " + fields + "}]}";
    }

    private static void refused(String part, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(json, FIRST));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertTrue(e.getMessage().startsWith("p.json: "), e.getMessage());
    }

    /** A file of the tests' profiles, with what a feature cannot answer without filled in ({@link #withSources}). */
    static AssistProfiles load(String json, String... served) {
        return loadAsWritten(withSources(json), served);
    }

    static AssistProfiles loadAsWritten(String json, String... served) {
        return AssistProfiles.of(ProfileFile.parse(json, "p.json"), "p.json", new LinkedHashSet<>(List.of(served)),
                "en-US", "latest_long");
    }

    /**
     * The emulator's knowledge base for FAQ and article suggestion, an agent for Dialogflow assist and entity
     * extraction, and a model for smart reply, where a test's feature names none: what they answer from is not
     * what those tests are about (the start refuses a profile without them, {@link #aFeatureWithNothingToAnswerFrom}).
     */
    static String withSources(String json) {
        try {
            ObjectNode file = (ObjectNode)
                    JSON.readTree(json);
            for (JsonNode profile : file.path("conversationProfiles")) {
                String parent = profile.path("name").asText().replaceAll("/conversationProfiles/.*", "");
                for (String role : List.of("humanAgentSuggestionConfig", "endUserSuggestionConfig")) {
                    for (JsonNode feature : profile.path("humanAgentAssistantConfig")
                            .path(role).path("featureConfigs")) {
                        fillIn((ObjectNode) feature, parent);
                    }
                }
            }
            return JSON.writeValueAsString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fillIn(ObjectNode feature, String parent) {
        String type = feature.path("suggestionFeature").path("type").asText();
        ObjectNode query = feature.has("queryConfig")
                ? (ObjectNode) feature.get("queryConfig") : null;
        boolean hasSource = query != null && (query.has("knowledgeBaseQuerySource")
                || query.has("documentQuerySource") || query.has("dialogflowQuerySource"));
        switch (type) {
            case "FAQ", "ARTICLE_SUGGESTION" -> {
                if (!hasSource) {
                    feature.with("queryConfig").with("knowledgeBaseQuerySource").putArray("knowledgeBases")
                            .add(parent + "/knowledgeBases/emulated-faq");
                }
            }
            case "DIALOGFLOW_ASSIST", "ENTITY_EXTRACTION" -> {
                if (!hasSource) {
                    feature.with("queryConfig").with("dialogflowQuerySource").put("agent", parent + "/agent");
                }
            }
            case "SMART_REPLY" -> {
                if (!feature.path("conversationModelConfig").has("model")) {
                    feature.with("conversationModelConfig").put("model", parent + "/conversationModels/replies");
                }
            }
            default -> {
            }
        }
    }

    @Test
    void aFeatureWithNothingToAnswerFrom() {
        String parent = "projects/emulated-project/locations/us-central1";
        for (String type : List.of("FAQ", "ARTICLE_SUGGESTION")) {
            refusedAsWritten(type + " needs queryConfig.knowledgeBaseQuerySource",
                    features("{\"suggestionFeature\": {\"type\": \"" + type + "\"}}"));
        }
        for (String type : List.of("DIALOGFLOW_ASSIST", "ENTITY_EXTRACTION")) {
            refusedAsWritten(type + " needs queryConfig.dialogflowQuerySource",
                    features("{\"suggestionFeature\": {\"type\": \"" + type + "\"}}"));
        }
        refusedAsWritten("SMART_REPLY needs conversationModelConfig.model",
                features("{\"suggestionFeature\": {\"type\": \"SMART_REPLY\"}}"));
        refusedAsWritten("SMART_REPLY needs conversationModelConfig.model", features("{\"suggestionFeature\": "
                + "{\"type\": \"SMART_REPLY\"}, \"conversationModelConfig\": {\"model\": \"replies\"}}"));
        assertEquals(1, loadAsWritten(features("{\"suggestionFeature\": {\"type\": \"SMART_REPLY\"}, "
                + "\"conversationModelConfig\": {\"model\": \"" + parent + "/conversationModels/m\"}}"), FIRST)
                .of(FIRST).forAgent().features().size(), "a model's name is all it needs");
    }

    private static void refusedAsWritten(String part, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loadAsWritten(json, FIRST));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
