package io.audiohook.connector.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parameters of a demo call's {@code open}: Genesys' shape, with made-up ids and participant, and one media
 * offer, stereo PCMU with the customer first: the recording is that, and a demo of one party would show half.
 */
final class OpenMessage {
    static final ObjectNode OFFER = Sender.parameters().put("type", "audio").put("format", "PCMU");

    static {
        OFFER.putArray("channels").add(ServerEvents.CHANNELS.get(0)).add(ServerEvents.CHANNELS.get(1));
        OFFER.put("rate", 8000);
    }

    private OpenMessage() {
    }

    static ObjectNode parameters(CallIds ids, JsonNode customConfig) {
        ObjectNode parameters = Sender.parameters()
                .put("organizationId", ids.organizationId())
                .put("conversationId", ids.conversationId());
        parameters.putObject("participant")
                .put("id", ids.participantId())
                .put("ani", CallIds.ANI)
                .put("aniName", CallIds.ANI_NAME)
                .put("dnis", CallIds.DNIS);
        parameters.putArray("media").add(OFFER.deepCopy());
        parameters.put("language", "en-US"); // what the recording speaks
        if (customConfig != null) {
            parameters.set("customConfig", customConfig);
        }
        return parameters;
    }
}
