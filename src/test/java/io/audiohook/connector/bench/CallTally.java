package io.audiohook.connector.bench;

import io.audiohook.connector.client.AudioHookClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a set of the load client's calls comes to: failures, protocol violations (by kind, digits folded),
 * transcript events received and audio frames sent. Churn mode folds each ended call in here and lets it go.
 * Thread-safe.
 */
final class CallTally {
    private int failures;
    private int violations;
    private long transcripts;
    private long frames;
    private final Map<String, AtomicInteger> violationKinds = new TreeMap<>();

    synchronized void add(AudioHookClient client, boolean failed) {
        if (failed) {
            failures++;
        }
        transcripts += client.messagesOfType("event").size();
        frames += client.binaryFramesSent();
        List<String> found = client.violations();
        violations += found.size();
        found.forEach(v -> violationKinds.computeIfAbsent(v.replaceAll("\\d+", "#"), k -> new AtomicInteger())
                .incrementAndGet());
    }

    synchronized CallTally copy() {
        CallTally t = new CallTally();
        t.failures = failures;
        t.violations = violations;
        t.transcripts = transcripts;
        t.frames = frames;
        violationKinds.forEach((k, n) -> t.violationKinds.put(k, new AtomicInteger(n.get())));
        return t;
    }

    synchronized int failures() {
        return failures;
    }

    synchronized int violations() {
        return violations;
    }

    synchronized long transcripts() {
        return transcripts;
    }

    synchronized long frames() {
        return frames;
    }

    synchronized Map<String, AtomicInteger> violationKinds() {
        return new TreeMap<>(violationKinds);
    }
}
