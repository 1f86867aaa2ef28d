package io.audiohook.connector.emulator;

import java.util.Locale;
import java.util.Set;

/**
 * A deterministic stand-in for Dialogflow's sentiment analysis: counts words from two short lists.
 * Score is in [-0.8, 0.8] (the balance of positive and negative words), magnitude grows with their
 * number, as the real one's grows with emotional content.
 */
final class Sentiment {
    private static final Set<String> POSITIVE = Set.of("thanks", "thank", "great", "good", "yes", "happy", "perfect",
            "excellent", "love", "wonderful", "helpful", "appreciate", "glad", "nice", "sure", "welcome", "resolved");
    private static final Set<String> NEGATIVE = Set.of("lost", "stolen", "problem", "bad", "angry", "terrible",
            "wrong", "upset", "frustrated", "worst", "hate", "fraud", "unhappy", "cannot", "can't", "never", "broken",
            "complaint");

    record Result(float score, float magnitude) {
    }

    private Sentiment() {
    }

    static Result of(String text) {
        int positive = 0;
        int negative = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
            if (POSITIVE.contains(word)) {
                positive++;
            } else if (NEGATIVE.contains(word)) {
                negative++;
            }
        }
        int total = positive + negative;
        if (total == 0) {
            return new Result(0f, 0f);
        }
        float score = Math.round(8f * (positive - negative) / total) / 10f;
        return new Result(score, Math.round(4f * total) / 10f);
    }
}
