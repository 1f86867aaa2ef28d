package io.audiohook.connector.assist;

import static io.audiohook.connector.assist.AssistTesting.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;

import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.emulator.EmulatorControl;
import io.audiohook.connector.emulator.ParticipantStats;
import io.audiohook.connector.app.AgentAssist;
import io.audiohook.connector.testkit.ConnectorTest;

/**
 * What the end-to-end Agent Assist tests share: the AudioHook endpoint, the backend under test, the events it
 * produced and the emulator it talks to, which is put back to its configuration after every test.
 */
abstract class AssistCallTesting extends ConnectorTest {

    @Inject
    AgentAssist backend;
    @Inject
    RecentAssistEvents events;
    @Inject
    EmulatorControl emulator;

    @AfterEach
    void resetEmulator() {
        emulator.reset();
    }

    AssistCallFactory factory() {
        return backend.factory().orElseThrow();
    }

    /** The call of a session; the session creates it right after {@code opened}, so it may take a moment. */
    AssistCall assistCall(AudioHookClient client) {
        eventually("call created", () -> factory().call(client.config().sessionId()).isPresent());
        return factory().call(client.config().sessionId()).orElseThrow();
    }

    /** The speech fixture streamed at full speed, then {@code close} with {@code end}; the call, once closed. */
    AssistCall speechCall(io.audiohook.connector.client.SessionConfig config) {
        AudioHookClient client = io.audiohook.connector.testkit.TestCalls.connect(config);
        AssistTesting.await(client.open());
        AssistTesting.await(client.streamAudio(AssistTesting.SPEECH.newSource(), java.time.Duration.ofMillis(200),
                false));
        AssistTesting.await(client.close("end"));
        io.audiohook.connector.testkit.TestCalls.assertConformant(client);
        return assistCall(client);
    }

    /**
     * The speech fixture with only slot 0 speaking (the customer's voice), at full speed, then close/end: the call,
     * once its roles are checked to make slot 0 the agent's stream, and the agent's finals the agent's script lines
     * (the emulator answers each role with that role's lines, whoever's voice it hears) and the customer's none.
     */
    AssistCall slotZeroIsTheAgent(io.audiohook.connector.client.SessionConfig config) {
        AudioHookClient client = io.audiohook.connector.testkit.TestCalls.connect(config);
        AssistTesting.await(client.open());
        AssistTesting.await(client.streamAudio(AssistTesting.speechInSlotZeroOnly().newSource(),
                java.time.Duration.ofMillis(200), false));
        AssistTesting.await(client.close("end"));
        AssistCall call = assistCall(client);
        assertEquals(List.of(Participant.Role.HUMAN_AGENT, Participant.Role.END_USER), call.roles());
        assertEquals(AssistTesting.script().get(Participant.Role.HUMAN_AGENT),
                AssistTesting.finals(events, call.conversationName(), Participant.Role.HUMAN_AGENT));
        assertEquals(List.of(), AssistTesting.finals(events, call.conversationName(), Participant.Role.END_USER));
        io.audiohook.connector.testkit.TestCalls.assertConformant(client);
        return call;
    }

    /** What the emulator saw of one participant of the call. */
    ParticipantStats emulated(AssistCall call, Participant.Role role) {
        return emulator.participant(call.participantName(role).orElseThrow()).orElseThrow();
    }
}
