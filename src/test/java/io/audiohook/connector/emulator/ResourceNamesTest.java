package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

class ResourceNamesTest {
    private static final String PARENT = EmulatedCall.PARENT;
    private static final String CONVERSATION = PARENT + "/conversations/abc";

    @Test
    void parentsAreLocations() {
        assertDoesNotThrow(() -> ResourceNames.checkParent(PARENT));
        assertInvalid(() -> ResourceNames.checkParent("projects/p"));
        assertInvalid(() -> ResourceNames.checkParent(PARENT + "/conversations/abc"));
        assertInvalid(() -> ResourceNames.checkParent("projects//locations/l"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a_b-C9", "a234567890123456789012345678901234567890123456789012345678901234"})
    void conversationIdsAsDialogflowAllowsThem(String id) {
        assertEquals(PARENT + "/conversations/" + id, ResourceNames.newConversation(PARENT, id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "1abc", "-abc", "a.bc", "a/bc",
        "a2345678901234567890123456789012345678901234567890123456789012345"})
    void otherConversationIdsAreRefused(String id) {
        assertInvalid(() -> ResourceNames.newConversation(PARENT, id));
    }

    @Test
    void withoutAnIdOneIsGenerated() {
        String first = ResourceNames.newConversation(PARENT, "");
        String second = ResourceNames.newConversation(PARENT, "");
        assertTrue(first.startsWith(PARENT + "/conversations/"), first);
        assertNotEquals(first, second);
        assertDoesNotThrow(() -> ResourceNames.checkConversation(first));
    }

    @Test
    void participantsAreNamedInTheirConversation() {
        String participant = ResourceNames.newParticipant(CONVERSATION);
        assertTrue(participant.startsWith(CONVERSATION + "/participants/"), participant);
        assertEquals(CONVERSATION, ResourceNames.conversationOf(participant));
        assertEquals("emulated-project", ResourceNames.projectOf(participant));
    }

    @Test
    void malformedConversationAndParticipantNamesAreInvalid() {
        assertDoesNotThrow(() -> ResourceNames.checkConversation(CONVERSATION));
        assertInvalid(() -> ResourceNames.checkConversation(PARENT));
        assertInvalid(() -> ResourceNames.checkConversation(CONVERSATION + "/participants/x"));
        assertInvalid(() -> ResourceNames.conversationOf(CONVERSATION));
        assertInvalid(() -> ResourceNames.conversationOf(CONVERSATION + "/participants/"));
        assertInvalid(() -> ResourceNames.conversationOf(CONVERSATION + "/participants/x/y"));
    }

    private static void assertInvalid(Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }
}
