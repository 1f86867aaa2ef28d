package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SuggestionFeature;
import com.google.cloud.dialogflow.v2beta1.TriggerEvent;

/** The profile file's format: proto3 JSON as the REST API returns it, and the ENTITY_EXTRACTION convention. */
class ProfileFileTest {
    static final String PROFILE = EmulatedCall.PROFILE;

    @Test
    void profilesAndGeneratorsAreParsedAsProto3Json() {
        ProfileFile file = ProfileFile.parse("""
                {"conversationProfiles": [{"name": "%s",
                   "humanAgentAssistantConfig": {"humanAgentSuggestionConfig": {
                     "featureConfigs": [{"suggestionFeature": {"type": "SMART_REPLY"},
                                         "queryConfig": {"maxResults": 2, "confidenceThreshold": 0.5}}],
                     "generators": ["projects/p/locations/l/generators/g"]}}}],
                 "generators": [{"name": "projects/p/locations/l/generators/g", "triggerEvent": "MANUAL_CALL",
                                 "freeFormContext": {"text": "say something"}}]}
                """.formatted(PROFILE), "test.json");

        assertEquals(PROFILE, file.profiles().get(0).getName());
        var feature = file.profiles().get(0).getHumanAgentAssistantConfig().getHumanAgentSuggestionConfig()
                .getFeatureConfigs(0);
        assertEquals(SuggestionFeature.Type.SMART_REPLY, feature.getSuggestionFeature().getType());
        assertEquals(2, feature.getQueryConfig().getMaxResults());
        assertEquals(0.5f, feature.getQueryConfig().getConfidenceThreshold());
        assertEquals(TriggerEvent.MANUAL_CALL, file.generators().get(0).getTriggerEvent());
        assertEquals("say something", file.generators().get(0).getFreeFormContext().getText());
        assertEquals(Set.of(), file.entityExtraction());
    }

    @Test
    void entityExtractionIsMarkedByNameAndKeptUnspecifiedInTheProto() {
        ProfileFile file = ProfileFile.parse("""
                {"conversationProfiles": [{"name": "%s",
                   "human_agent_assistant_config": {
                     "humanAgentSuggestionConfig": {"featureConfigs": [
                        {"suggestionFeature": {"type": "FAQ"}},
                        {"suggestionFeature": {"type": "ENTITY_EXTRACTION"}}]},
                     "end_user_suggestion_config": {"feature_configs": [
                        {"suggestion_feature": {"type": "ENTITY_EXTRACTION"}}]}}}]}
                """.formatted(PROFILE), "test.json");

        assertEquals(Set.of(new ProfileFile.Slot(PROFILE, Participant.Role.HUMAN_AGENT, 1),
                new ProfileFile.Slot(PROFILE, Participant.Role.END_USER, 0)), file.entityExtraction());
        assertEquals(SuggestionFeature.Type.TYPE_UNSPECIFIED, file.profiles().get(0).getHumanAgentAssistantConfig()
                .getHumanAgentSuggestionConfig().getFeatureConfigs(1).getSuggestionFeature().getType());
        assertEquals(List.of(), file.generators(), "generators are optional");
    }

    @Test
    void aBrokenFileSaysWhereAndWhat() {
        assertMessage("p.json is not a JSON object", "{\"conversationProfiles\": [");
        assertMessage("p.json: unknown key 'profiles'", "{\"profiles\": []}");
        assertMessage("p.json: conversationProfiles must be an array", "{}");
        assertMessage("p.json: conversationProfiles is empty", "{\"conversationProfiles\": []}");
        assertMessage("p.json: conversationProfiles[0] is not a JSON object", "{\"conversationProfiles\": [1]}");
        assertMessage("p.json: conversationProfiles[0]: ", "{\"conversationProfiles\": [{\"useSttV2\": true}]}");
        assertMessage("p.json: conversationProfiles[0]: ", """
                {"conversationProfiles": [{"humanAgentAssistantConfig": {"humanAgentSuggestionConfig":
                  {"featureConfigs": [{"suggestionFeature": {"type": "SUMMARY"}}]}}}]}""");
        assertMessage("p.json: generators[0]: ", """
                {"conversationProfiles": [{}], "generators": [{"triggerEvent": "SOMETIMES"}]}""");
    }

    private static void assertMessage(String start, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProfileFile.parse(json, "p.json"));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
