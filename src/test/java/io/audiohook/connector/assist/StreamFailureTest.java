package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.google.api.gax.rpc.StatusCode;

class StreamFailureTest {

    @ParameterizedTest
    @EnumSource(names = { "UNAVAILABLE", "ABORTED", "INTERNAL", "DEADLINE_EXCEEDED", "UNKNOWN", "CANCELLED", "OK" })
    void transientCodesRestart(StatusCode.Code code) {
        assertEquals(StreamFailure.RESTART, StreamFailure.of(code, "", true));
    }

    @Test
    void outOfRangeRestartsUnlessTheAudioCameTooFast() {
        assertEquals(StreamFailure.RESTART, StreamFailure.of(StatusCode.Code.OUT_OF_RANGE,
                "Exceeded maximum allowed stream duration of 120 seconds.", true));
        assertEquals(StreamFailure.SLOW_DOWN, StreamFailure.of(StatusCode.Code.OUT_OF_RANGE,
                "Audio data is being streamed too fast. Please stream audio data approximately at real time.", true));
    }

    @Test
    void quotaAndCredentialsWaitAllCallLong() {
        assertEquals(StreamFailure.WAIT, StreamFailure.of(StatusCode.Code.RESOURCE_EXHAUSTED, null, false));
        assertEquals(StreamFailure.WAIT, StreamFailure.of(StatusCode.Code.UNAUTHENTICATED, null, false));
    }

    @Test
    void aRefusedLanguageFallsBackOnceThenGivesUp() {
        String refused = "Invalid recognition 'config': The requested model is currently not supported for language : "
                + "xx-XX.";
        assertEquals(StreamFailure.FALL_BACK_LANGUAGE, StreamFailure.of(StatusCode.Code.INVALID_ARGUMENT, refused, true));
        assertEquals(StreamFailure.FALL_BACK_LANGUAGE, StreamFailure.of(StatusCode.Code.INVALID_ARGUMENT,
                "Invalid recognition 'config': bad language code.", true));
        assertEquals(StreamFailure.GIVE_UP, StreamFailure.of(StatusCode.Code.INVALID_ARGUMENT, refused, false));
    }

    @Test
    void anyOtherInvalidArgumentGivesUpWhateverTheLanguage() {
        assertEquals(StreamFailure.GIVE_UP, StreamFailure.of(StatusCode.Code.INVALID_ARGUMENT,
                "Extended streaming is only supported for conversations in the Agent Assist stage.", true));
        assertEquals(StreamFailure.GIVE_UP, StreamFailure.of(StatusCode.Code.INVALID_ARGUMENT, null, true));
    }

    @ParameterizedTest
    @EnumSource(names = { "FAILED_PRECONDITION", "PERMISSION_DENIED", "NOT_FOUND", "UNIMPLEMENTED", "ALREADY_EXISTS" })
    void whatARetryCannotFixGivesUp(StatusCode.Code code) {
        assertEquals(StreamFailure.GIVE_UP, StreamFailure.of(code, "", true));
    }
}
