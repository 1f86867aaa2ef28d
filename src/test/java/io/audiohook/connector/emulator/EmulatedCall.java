package io.audiohook.connector.emulator;

import java.util.UUID;

import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.CreateConversationRequest;
import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.client.WavAudioSource;

/** A conversation with a customer and an agent, set up as the connector does it, and the speech fixture. */
record EmulatedCall(String conversation, String customer, String agent) {
    static final String PROFILE =
            "projects/emulated-project/locations/us-central1/conversationProfiles/emulated-profile";
    static final String PARENT = "projects/emulated-project/locations/us-central1";
    static final String ROLES = PARENT + "/conversationProfiles/emulated-roles";
    static final String ALL_KINDS = PARENT + "/conversationProfiles/emulated-all-kinds";
    static final String GENERATORS = PARENT + "/conversationProfiles/emulated-generators";
    static final String NO_SUMMARY = PARENT + "/conversationProfiles/emulated-no-summary";

    static EmulatedCall create(DialogflowClients df) {
        return create(df, PROFILE);
    }

    /** With one of the profiles of {@code src/test/resources/emulator/test-profiles.json}, by its full name. */
    static EmulatedCall create(DialogflowClients df, String profile) {
        Conversation conversation = df.conversations.createConversation(CreateConversationRequest.newBuilder()
                .setParent(PARENT)
                .setConversationId(newConversationId())
                .setConversation(Conversation.newBuilder().setConversationProfile(profile))
                .build());
        String customer = df.participants.createParticipant(conversation.getName(),
                Participant.newBuilder().setRole(Participant.Role.END_USER).build()).getName();
        String agent = df.participants.createParticipant(conversation.getName(),
                Participant.newBuilder().setRole(Participant.Role.HUMAN_AGENT).build()).getName();
        return new EmulatedCall(conversation.getName(), customer, agent);
    }

    /** As the connector derives it from a Genesys conversation id. */
    static String newConversationId() {
        return "a" + UUID.randomUUID();
    }

    /** The two-party speech fixture, split: even bytes are the customer (external), odd ones the agent (internal). */
    record Fixture(byte[] customer, byte[] agent) {
        static Fixture load() {
            WavAudioSource.Wav wav = WavAudioSource.Wav.fromResource("/demo/two-party-call.pcmu.wav");
            byte[] data = wav.data();
            byte[] customer = new byte[data.length / 2];
            byte[] agent = new byte[data.length / 2];
            for (int i = 0; i < customer.length; i++) {
                customer[i] = data[2 * i];
                agent[i] = data[2 * i + 1];
            }
            return new Fixture(customer, agent);
        }
    }
}
