package io.audiohook.connector.testkit.property;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the trials of a property came to: how many ended in each outcome their trial named (e.g. {@code decoded
 * open}, {@code refused: not JSON}), and how fast they ran. Lets a test check that its generator reached every
 * case it is meant to test, not only that nothing failed.
 */
public final class Outcomes {
    private final String claim;
    private final Map<String, Long> counts = new TreeMap<>();
    private long trials;
    private long nanos;

    private final boolean fewerTrialsThanDesigned;

    Outcomes(String claim, boolean fewerTrialsThanDesigned) {
        this.claim = claim;
        this.fewerTrialsThanDesigned = fewerTrialsThanDesigned;
    }

    void add(String outcome) {
        counts.merge(outcome == null ? "passed" : outcome, 1L, Long::sum);
        trials++;
    }

    void addTime(long elapsedNanos) {
        nanos += elapsedNanos;
    }

    public long trials() {
        return trials;
    }

    public long count(String outcome) {
        return counts.getOrDefault(outcome, 0L);
    }

    /** Outcomes whose name starts with {@code prefix}, e.g. every {@code refused: …}. */
    public long countStartingWith(String prefix) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue)
                .sum();
    }

    public Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    public double trialsPerSecond() {
        return nanos == 0 ? 0 : trials * 1e9 / nanos;
    }

    /**
     * Fails unless every outcome was seen at least once: a generator that never reaches a case tests nothing of it.
     * Not checked when {@value Property#TRIALS} asked for fewer trials than the property was designed with.
     */
    public Outcomes assertSeen(String... outcomes) {
        if (fewerTrialsThanDesigned) {
            return this;
        }
        for (String outcome : outcomes) {
            assertTrue(count(outcome) > 0, "no trial of '" + claim + "' ended in '" + outcome + "': " + counts);
        }
        return this;
    }

    @Override
    public String toString() {
        return String.format("%s: %d trials in %d ms (%.0f/s) %s", claim, trials, nanos / 1_000_000,
                trialsPerSecond(), counts);
    }
}
