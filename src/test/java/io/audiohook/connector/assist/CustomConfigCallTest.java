package io.audiohook.connector.assist;

import static io.audiohook.connector.assist.AssistTesting.SPEECH;
import static io.audiohook.connector.assist.AssistTesting.await;
import static io.audiohook.connector.assist.AssistTesting.finals;
import static io.audiohook.connector.assist.AssistTesting.newConversationId;
import static io.audiohook.connector.assist.AssistTesting.script;
import static io.audiohook.connector.testkit.TestCalls.WAIT;
import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static io.audiohook.connector.testkit.TestCalls.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.Received;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.emulator.StreamStats;
import io.audiohook.connector.testkit.TestCalls;
import io.quarkus.test.junit.QuarkusTest;

/** Each {@code customConfig} key through a real call against the emulator, and a bad one refused by name. */
@QuarkusTest
class CustomConfigCallTest extends AssistCallTesting {
    /** The %test profile's second profile (connector.emulator.more-profiles, connector.assist.allowed-profiles). */
    static final String SALES = "projects/emulated-project/locations/us-central1/conversationProfiles/emulated-sales";

    SessionConfig callWith(String json) {
        return call(endpoint).conversationId(newConversationId()).customConfig(TestCalls.customConfig(json));
    }

    @Test
    void channelsSwapWhoIsTheCustomer() {
        // only slot 0 (external) speaks; the integration says internal is the customer, so external is the agent
        slotZeroIsTheAgent(callWith("{\"channels\":{\"customer\":\"internal\",\"agent\":\"external\"}}"));
    }

    @Test
    void theLanguageAppliesWhenOpenHasNone() {
        AssistCall call = speechCall(callWith("{\"language\":\"fr-FR\"}").language(null));
        for (Participant.Role role : List.of(Participant.Role.END_USER, Participant.Role.HUMAN_AGENT)) {
            assertEquals(List.of("fr-FR"), emulated(call, role).streams().stream().map(StreamStats::languageCode)
                    .distinct().toList(), role.toString());
        }
        AssistCall openWins = speechCall(callWith("{\"language\":\"fr-FR\"}").language("es-US"));
        assertEquals("es-US", emulated(openWins, Participant.Role.END_USER).streams().get(0).languageCode());
    }

    @Test
    void anAllowedProfileIsTheConversationsProfile() {
        AssistCall call = speechCall(callWith("{\"conversationProfile\":\"" + SALES + "\"}"));
        assertEquals(SALES, emulator.conversation(call.conversationName()).orElseThrow().profile());
        assertTrue(!finals(events, call.conversationName(), Participant.Role.END_USER).isEmpty(), "transcribed");

        AssistCall byDefault = speechCall(call(endpoint).conversationId(newConversationId()));
        assertEquals(ProfileName.EMULATED, emulator.conversation(byDefault.conversationName()).orElseThrow().profile());
    }

    @Test
    void agentAssistOffSendsNothingToDialogflow() {
        long created = emulator.conversationsCreated();
        AudioHookClient client = connect(callWith("{\"agentAssist\":false}"));
        await(client.open());
        await(client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), false));
        await(client.close("end"));
        assertConformant(client);
        assertEquals(created, emulator.conversationsCreated());
        assertTrue(factory().call(client.config().sessionId()).isEmpty());
    }

    @Test
    void startPausedPerCall() {
        AudioHookClient paused = connect(callWith("{\"startPaused\":true}"));
        Received opened = await(paused.open());
        assertTrue(opened.parameters().path("startPaused").asBoolean(), opened.json());
        await(paused.close("end"));

        AudioHookClient notPaused = connect(callWith("{\"startPaused\":false,\"somethingNewer\":1}"));
        assertTrue(!await(notPaused.open()).parameters().path("startPaused").asBoolean());
        await(notPaused.close("end"));
    }

    @Test
    void aBadValueOrAProfileOutsideTheListEndsTheSessionNamingTheKey() {
        for (String[] bad : new String[][] {
                { "{\"conversationProfile\":\"projects/emulated-project/locations/us-central1/conversationProfiles/x\"}",
                        "customConfig.conversationProfile must be one of the deployment's allowed profiles "
                                + "(CONNECTOR_ASSIST_ALLOWED_PROFILES)" },
                { "{\"channels\":{\"customer\":\"internal\",\"agent\":\"internal\"}}", "customConfig.channels must "
                        + "name the customer's and the agent's channel, e.g. {\"customer\":\"external\",\"agent\":\"internal\"}" },
                { "{\"startPaused\":\"yes\"}", "customConfig.startPaused must be true or false" } }) {
            long created = emulator.conversationsCreated();
            AudioHookClient client = connect(callWith(bad[0]));
            client.open();
            Received disconnect = client.awaitMessage("disconnect", WAIT);
            assertEquals("error", disconnect.parameters().path("reason").asText(), disconnect.json());
            assertEquals(bad[1], disconnect.parameters().path("info").asText());
            await(client.close("disconnect"));
            assertEquals(List.of("disconnect", "closed"), types(client), "no opened for a refused open");
            assertConformant(client);
            assertEquals(created, emulator.conversationsCreated(), "nothing reached Dialogflow");
        }
    }
}
