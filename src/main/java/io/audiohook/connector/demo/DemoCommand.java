package io.audiohook.connector.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code bench/demo.sh}: places demo calls from a terminal against any AudioHook endpoint, here or deployed, prints
 * each call's transcript lines as they come back and a progress line every 5 s, and exits 1 when a call failed.
 * Transcripts come back on the call's own socket (Transcription Connector mode), which needs nothing but the
 * credentials the call is placed with; no Redis, no API token.
 */
public final class DemoCommand {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final DemoOptions options;
    private final PrintStream out;

    DemoCommand(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws InterruptedException {
        // With fewer than 3 CPUs the common pool's parallelism is 1 and CompletableFuture's async default turns
        // into a thread per task; the JDK's WebSocket handshake uses it. It must be set before its first use.
        if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
            System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new DemoCommand(options, System.out).run() == 0 ? 0 : 1);
    }

    /** Places the calls, waits for all of them, and returns how many failed. */
    int run() throws InterruptedException {
        out.printf(Locale.ROOT, "demo: %d call%s to %s, %.1f s of two-party speech each, %s%n", options.calls(),
                options.calls() == 1 ? "" : "s", options.target().uri(), DemoCaller.recordingLength().toMillis() / 1e3,
                options.monitor() ? "monitor mode (no transcripts come back to this command)"
                        : "transcripts printed as the service sends them back");
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        long start = System.nanoTime();
        try (DemoCaller caller = new DemoCaller()) {
            for (int n = 1; n <= options.calls(); n++) {
                if (n > 1) {
                    TimeUnit.NANOSECONDS.sleep(options.stagger().toNanos());
                }
                results.add(place(caller, n));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(results.toArray(CompletableFuture[]::new));
            while (!all.isDone()) {
                try {
                    all.get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    progress(results, start);
                } catch (java.util.concurrent.ExecutionException e) {
                    break; // the results never fail; nothing to wait for
                }
            }
        }
        long failed = results.stream().filter(r -> !r.join()).count();
        out.printf(Locale.ROOT, "demo: %d call%s, %d completed, %d failed (%.1f s)%n", results.size(),
                results.size() == 1 ? "" : "s", results.size() - failed, failed, seconds(System.nanoTime() - start));
        return (int) failed;
    }

    private CompletableFuture<Boolean> place(DemoCaller caller, int n) {
        String tag = "[call " + n + "] ";
        long placed = System.nanoTime();
        DemoCall call = caller.place(options.target(), new DemoListener() {
            @Override
            public void opened(DemoCall c) {
                out.printf(Locale.ROOT, "%sopened after %d ms, streaming the recording%n", tag,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - placed));
            }

            @Override
            public void transcript(DemoCall c, TranscriptLine line) {
                out.println(tag + (line.role() == TranscriptLine.Role.AGENT ? "agent:    " : "customer: ") + line.text());
            }
        });
        out.println(tag + "placed: conversation " + call.conversationId());
        return call.done().thenApply(outcome -> report(tag, outcome)).toCompletableFuture();
    }

    /** Prints how the call ended and says whether it counts as a success. */
    private boolean report(String tag, Outcome outcome) {
        String took = String.format(Locale.ROOT, "%.1f s", seconds(outcome.elapsed().toNanos()));
        if (!outcome.completed()) {
            out.println(tag + outcome.status().name().toLowerCase(Locale.ROOT) + " after " + took + ": "
                    + outcome.detail());
            return false;
        }
        long agent = outcome.transcript().stream().filter(l -> l.role() == TranscriptLine.Role.AGENT).count();
        long customer = outcome.transcript().size() - agent;
        if (!options.monitor() && outcome.transcript().isEmpty()) {
            out.println(tag + "completed after " + took + " but no transcript came back: is Agent Assist set up"
                    + " (conversation profile, Dialogflow) on this service?");
            return false;
        }
        out.println(tag + "completed after " + took + (options.monitor() ? ""
                : ": " + customer + " customer and " + agent + " agent transcript lines"));
        return true;
    }

    private void progress(List<CompletableFuture<Boolean>> results, long start) {
        long ended = results.stream().filter(CompletableFuture::isDone).count();
        long failed = results.stream().filter(r -> r.isDone() && !r.join()).count();
        out.printf(Locale.ROOT, "progress: %d live, %d ended, %d failed, %d still to place (%.0f s)%n",
                results.size() - ended, ended, failed, options.calls() - results.size(),
                seconds(System.nanoTime() - start));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
