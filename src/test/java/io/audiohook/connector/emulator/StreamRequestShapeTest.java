package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import com.google.cloud.dialogflow.v2beta1.InputAudioConfig;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.protobuf.ByteString;

import io.grpc.Status;

class StreamRequestShapeTest {
    private static final String PARTICIPANT = EmulatedCall.PARENT + "/conversations/abc/participants/p";
    private static final InputAudioConfig AUDIO = InputAudioConfig.newBuilder().setLanguageCode("en-US").build();
    private static final ByteString SOUND = ByteString.copyFrom(new byte[] {1, 2, 3});

    @Test
    void theFirstRequestNamesTheParticipantAndConfiguresAudioOnly() {
        assertDoesNotThrow(() -> StreamRequestShape.checkFirst(request().setParticipant(PARTICIPANT).setAudioConfig(AUDIO)
                .build()));
        assertRefused("first_request", () -> StreamRequestShape.checkFirst(request().setAudioConfig(AUDIO).build()));
        assertRefused("first_request", () -> StreamRequestShape.checkFirst(request().setParticipant(PARTICIPANT).build()));
        assertRefused("first_request", () -> StreamRequestShape.checkFirst(request().setParticipant(PARTICIPANT)
                .setAudioConfig(AUDIO).setInputAudio(SOUND).build()));
    }

    @Test
    void laterRequestsCarryAudioOrNothing() {
        assertEquals(Optional.of(SOUND), StreamRequestShape.laterAudio(request().setInputAudio(SOUND).build()));
        assertEquals(Optional.empty(), StreamRequestShape.laterAudio(request().build()));
    }

    @Test
    void laterRequestsMayNotConfigureOrCarryOtherInput() {
        assertRefused("later_request", () -> StreamRequestShape.laterAudio(request().setParticipant(PARTICIPANT)
                .setInputAudio(SOUND).build()));
        assertRefused("later_request", () -> StreamRequestShape.laterAudio(request().setAudioConfig(AUDIO).build()));
        StreamRules.Refusal text = assertRefused("later_request",
                () -> StreamRequestShape.laterAudio(request().setInputText("hello").build()));
        assertTrue(text.status.getStatus().getDescription().contains("INPUT_TEXT"), text.getMessage());
    }

    private static StreamingAnalyzeContentRequest.Builder request() {
        return StreamingAnalyzeContentRequest.newBuilder();
    }

    private static StreamRules.Refusal assertRefused(String rule, Executable call) {
        StreamRules.Refusal refusal = assertThrows(StreamRules.Refusal.class, call);
        assertEquals(rule, refusal.rule);
        assertEquals(Status.Code.INVALID_ARGUMENT, refusal.status.getStatus().getCode());
        return refusal;
    }
}
