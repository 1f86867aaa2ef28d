package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SpeechToTextConfig;

/** What a call's streams go to, from its setup: language and model precedence, look-back replay. */
class StreamTargetsTest {
    static final String CONVERSATION = "projects/p/locations/l/conversations/c";

    static ConversationSetup.Result setup(String sttLanguage, String profileLanguage, String sttModel) {
        ConversationProfile profile = ConversationProfile.newBuilder().setLanguageCode(profileLanguage)
                .setSttConfig(SpeechToTextConfig.newBuilder().setLanguageCode(sttLanguage).setModel(sttModel))
                .build();
        return new ConversationSetup.Result(profile, Conversation.newBuilder().setName(CONVERSATION).build(), true,
                Participant.newBuilder().setName(CONVERSATION + "/participants/u").build(),
                Participant.newBuilder().setName(CONVERSATION + "/participants/a").build());
    }

    static StreamTarget target(ConversationSetup.Result setup, Optional<String> callLanguage,
            Optional<String> configuredModel, Participant.Role role) {
        return new StreamTargets(CONVERSATION, setup, callLanguage, configuredModel).of(role);
    }

    @Test
    void eachRoleGoesToItsParticipantAndSuggestionsToTheAgent() {
        ConversationSetup.Result setup = setup("", "", "");
        StreamTarget user = target(setup, Optional.empty(), Optional.empty(), Participant.Role.END_USER);
        StreamTarget agent = target(setup, Optional.empty(), Optional.empty(), Participant.Role.HUMAN_AGENT);
        assertEquals(CONVERSATION, user.conversationName());
        assertEquals(CONVERSATION + "/participants/u", user.participantName());
        assertEquals(CONVERSATION + "/participants/a", agent.participantName());
        assertEquals(CONVERSATION + "/participants/a", user.humanAgentName());
        assertEquals(CONVERSATION + "/participants/a", agent.humanAgentName());
    }

    @Test
    void theCallsLanguageWinsUnlessBlank() {
        ConversationSetup.Result setup = setup("de-DE", "fr-FR", "");
        StreamTarget called = target(setup, Optional.of("es-ES"), Optional.empty(), Participant.Role.END_USER);
        assertEquals("es-ES", called.language());
        assertEquals("de-DE", called.profileLanguage(), "the speech-to-text language is the profile's");
        assertEquals("de-DE", target(setup, Optional.of("  "), Optional.empty(), Participant.Role.END_USER)
                .language());
        assertEquals("de-DE", target(setup, Optional.empty(), Optional.empty(), Participant.Role.END_USER)
                .language());
    }

    @Test
    void theProfilesLanguageFallsBackToItsOwnThenToEnglish() {
        assertEquals("fr-FR", target(setup("", "fr-FR", ""), Optional.empty(), Optional.empty(),
                Participant.Role.END_USER).profileLanguage());
        assertEquals("en-US", target(setup("", "", ""), Optional.empty(), Optional.empty(),
                Participant.Role.END_USER).profileLanguage());
    }

    @Test
    void theConfiguredModelWinsOverTheProfilesAndNoneMeansTheServiceDefault() {
        ConversationSetup.Result setup = setup("", "", "latest_long");
        assertEquals(Optional.of("telephony"), target(setup, Optional.empty(), Optional.of("telephony"),
                Participant.Role.END_USER).model());
        assertEquals(Optional.of("latest_long"), target(setup, Optional.empty(), Optional.empty(),
                Participant.Role.END_USER).model());
        assertEquals(Optional.empty(), target(setup("", "", ""), Optional.empty(), Optional.empty(),
                Participant.Role.END_USER).model());
    }

    @Test
    void onlyChirp3IsNeverGivenAudioTwice() {
        assertFalse(target(setup("", "", "chirp_3"), Optional.empty(), Optional.empty(), Participant.Role.END_USER)
                .replayLookback());
        assertFalse(target(setup("", "", "latest_long"), Optional.empty(), Optional.of("CHIRP_3"),
                Participant.Role.END_USER).replayLookback(), "whichever way it is spelled or chosen");
        assertTrue(target(setup("", "", "chirp_2"), Optional.empty(), Optional.empty(), Participant.Role.END_USER)
                .replayLookback());
        assertTrue(target(setup("", "", ""), Optional.empty(), Optional.empty(), Participant.Role.END_USER)
                .replayLookback());
    }
}
