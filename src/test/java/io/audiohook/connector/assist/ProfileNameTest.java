package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProfileNameTest {

    @Test
    void aDialogflowConversationIsNamedAfterItsGenesysOneAndBack() {
        ProfileName profile = ProfileName.parse("projects/p/locations/global/conversationProfiles/x");
        String name = profile.conversationName("c1");

        assertEquals("projects/p/locations/global/conversations/ac1", name);
        assertEquals("c1", ProfileName.genesysConversationId(name));
        assertEquals("c2", ProfileName.genesysConversationId("c2"));
        assertEquals("c3", ProfileName.genesysConversationId(ProfileName.conversationId("c3")));
    }
}
