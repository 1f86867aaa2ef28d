package io.audiohook.connector.emulator;

import java.util.ArrayList;
import java.util.List;

import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.SuggestionQueryConfig;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.Participant;

/**
 * What the suggestions for one finalized utterance are built from: its message, the knowledge entries its words
 * match, and its conversation. The emulator compiles them from this message alone, so every response says
 * {@value #CONTEXT_SIZE} for its {@code context_size}.
 */
record UtteranceContext(Message message, String location, Knowledge knowledge, List<Knowledge.Entry> matches,
        StoredConversation conversation) {
    static final int CONTEXT_SIZE = 1;

    /** A match with the confidence of its rank. */
    record Ranked(Knowledge.Entry entry, float confidence) {
    }

    static UtteranceContext of(Message message, Knowledge knowledge, StoredConversation conversation) {
        return new UtteranceContext(message, ResourceNames.locationOf(conversation.name), knowledge,
                knowledge.match(message.getContent()), conversation);
    }

    String text() {
        return message.getContent();
    }

    Participant.Role role() {
        return message.getParticipantRole();
    }

    String answerRecord() {
        return ResourceNames.newAnswerRecord(location);
    }

    /**
     * The matches a feature returns: from its document only if it names one, ranked, those at or above its
     * {@code confidence_threshold}, at most {@code max_results} (10 when unset).
     */
    List<Ranked> ranked(SuggestionQueryConfig query) {
        String document = query.hasDocumentQuerySource() ? query.getDocumentQuerySource().getDocuments(0) : null;
        int max = query.getMaxResults() > 0 ? query.getMaxResults() : ProfileChecks.DEFAULT_MAX_RESULTS;
        List<Ranked> ranked = new ArrayList<>();
        for (Knowledge.Entry entry : matches) {
            if (ranked.size() == max) {
                break;
            }
            if (document != null && !entry.document(location).equals(document)) {
                continue;
            }
            float confidence = Knowledge.confidence(ranked.size());
            if (confidence < query.getConfidenceThreshold()) {
                break; // confidence only falls with rank
            }
            ranked.add(new Ranked(entry, confidence));
        }
        return ranked;
    }
}
