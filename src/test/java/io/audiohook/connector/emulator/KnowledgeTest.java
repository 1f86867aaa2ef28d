package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class KnowledgeTest {
    private static final String LOCATION = EmulatedCall.PARENT;

    @Test
    void matchesWholeWordsInFileOrder() {
        Knowledge knowledge = Knowledge.parse(List.of("lost | Q1 | A1", "card | Q2 | A2", "car | Q3 | A3"));
        assertEquals(List.of("Q1", "Q2"), knowledge.match("I LOST my bank card.").stream()
                .map(Knowledge.Entry::question).toList());
        assertEquals(List.of(), knowledge.match("cards and carpets"));
    }

    @Test
    void everyMatchComesBackForTheFeaturesToCap() {
        Knowledge knowledge = Knowledge.parse(List.of("a | Q1 | A1", "b | Q2 | A2", "c | Q3 | A3", "d | Q4 | A4"));
        assertEquals(4, knowledge.match("a b c d").size());
    }

    @Test
    void titleDefaultsToTheQuestionAndUriToTheSlug() {
        Knowledge knowledge = Knowledge.parse(List.of(
                "lost card | How do I report a lost card? | Block it.",
                "fee | Why a fee? | See the price list. | Fees and charges",
                "refund | How long? | Five days. | Refunds | https://bank.example/refunds"));
        List<Knowledge.Entry> entries = knowledge.match("lost card, fee, refund");
        assertEquals("How do I report a lost card?", entries.get(0).title());
        assertEquals(Knowledge.DEFAULT_URI + "lost-card", entries.get(0).uri());
        assertEquals(LOCATION + "/knowledgeBases/emulated-faq/documents/lost-card", entries.get(0).document(LOCATION));
        assertEquals("Fees and charges", entries.get(1).title());
        assertEquals(Knowledge.DEFAULT_URI + "fee", entries.get(1).uri());
        assertEquals("Refunds", entries.get(2).title());
        assertEquals("https://bank.example/refunds", entries.get(2).uri());
    }

    @Test
    void itsDocumentsAreKnownByName() {
        Knowledge knowledge = Knowledge.parse(List.of("lost card | Q | A"));
        assertTrue(knowledge.hasDocument(LOCATION, LOCATION + "/knowledgeBases/emulated-faq/documents/lost-card"));
        assertFalse(knowledge.hasDocument(LOCATION, LOCATION + "/knowledgeBases/emulated-faq/documents/other"));
        assertFalse(knowledge.hasDocument(LOCATION, LOCATION + "/knowledgeBases/other/documents/lost-card"));
    }

    @Test
    void confidenceFallsWithRank() {
        assertEquals(0.9f, Knowledge.confidence(0));
        assertEquals(0.77f, Knowledge.confidence(1));
        assertTrue(Knowledge.confidence(19) > 0, "even the twentieth match has some confidence");
    }

    @Test
    void malformedLinesAndRepeatedDocumentsAreRefused() {
        IllegalArgumentException columns = assertThrows(IllegalArgumentException.class,
                () -> Knowledge.parse(List.of("# comment", "lost | only a question")));
        assertEquals("knowledge line 2 is not 'keyword | question | answer [| title [| uri]]'", columns.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Knowledge.parse(List.of("a | q | a | t | u | extra")));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Knowledge.parse(List.of("lost card | q | a", "Lost-Card | q | a")));
        assertTrue(twice.getMessage().contains("lost-card"), twice.getMessage());
    }
}
