package io.audiohook.connector.demo;

import java.util.UUID;

/**
 * The identifiers of one demo call, fresh for each: nothing of a real caller is ever sent. The participant's
 * numbers are in the range reserved for fiction (555-01xx), so a demo call is recognisable wherever it shows.
 */
record CallIds(String sessionId, String conversationId, String correlationId, String organizationId,
        String participantId) {

    static final String ANI = "+1-555-0100";
    static final String ANI_NAME = "Demo Caller";
    static final String DNIS = "+1-555-0199";

    static CallIds fresh(Target target) {
        String org = target.organizationId() != null ? target.organizationId() : random();
        return new CallIds(random(), random(), random(), org, random());
    }

    private static String random() {
        return UUID.randomUUID().toString();
    }
}
