package io.audiohook.connector.testkit.property;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs a claim against many generated inputs, reproducibly: trial {@code i} of seed {@code s} always sees the same
 * input, whatever the other trials did. Each property runs its own fixed seed (from its claim, or {@link #seed});
 * when the system property {@value #SEED} is set ({@code 0x…}, decimal, or {@code random}) that seed runs as well,
 * first, and {@value #TRIALS} replaces every property's trial count, for a soak:
 *
 * <pre>
 * ./mvnw test -Dtest=ClientMessageCodecPropertyTest#anyTextIsAMessageOrADocumentedRefusal \
 *     -Dproperty.trials=1000000 -Dproperty.seed=random
 * </pre>
 *
 * <p>A failure names the claim, the seed, the trial and its input, shrunk when a {@link Shrink} is given, and the
 * command that replays it. A trial that runs longer than {@value #TRIAL_TIMEOUT} seconds (default 10) fails the
 * property as a hang, naming its input; the trials run on a daemon thread so that the test can report it.
 */
public final class Property<T> {
    public static final String SEED = "property.seed";
    public static final String TRIALS = "property.trials";
    public static final String TRIAL_TIMEOUT = "property.trialTimeout";
    /** Prints each property's {@link Outcomes} and speed; on whenever a seed or a trial count is given. */
    public static final String VERBOSE = "property.verbose";

    private static final int SHRINK_ATTEMPTS = 20_000;
    private static final long SHRINK_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final Gen<T> gen;
    private Shrink<T> shrink = Shrink.none();
    private int trials = 1000;
    private Long seed;

    private Property(Gen<T> gen) {
        this.gen = Objects.requireNonNull(gen);
    }

    public static <T> Property<T> forAll(Gen<T> gen) {
        return new Property<>(gen);
    }

    /** Trials per seed unless {@value #TRIALS} says otherwise; choose it for the suite's time budget. */
    public Property<T> trials(int count) {
        this.trials = count;
        return this;
    }

    /** The property's fixed seed; without it the seed is derived from the claim. */
    public Property<T> seed(long fixedSeed) {
        this.seed = fixedSeed;
        return this;
    }

    public Property<T> shrinking(Shrink<T> shrinker) {
        this.shrink = Objects.requireNonNull(shrinker);
        return this;
    }

    /**
     * @param claim what the property asserts, in words; it names the property in reports
     * @param trial checks one input, failing by throwing (an assertion or any other exception); returns the name
     *              of what happened, counted in the {@link Outcomes} (null counts as {@code passed})
     */
    public Outcomes check(String claim, Function<? super T, String> trial) {
        String caller = caller();
        int count = Integer.getInteger(TRIALS, trials);
        Outcomes outcomes = new Outcomes(claim, count < trials);
        for (long s : seeds(claim)) {
            long start = System.nanoTime();
            Failure<T> failure = runOnWorker(claim, s, count, trial, outcomes, caller);
            outcomes.addTime(System.nanoTime() - start);
            if (failure != null) {
                throw failure.report(claim, s, count, caller);
            }
        }
        if (Boolean.getBoolean(VERBOSE) || System.getProperty(SEED) != null || System.getProperty(TRIALS) != null) {
            System.out.println("[property] " + caller + ": " + outcomes);
        }
        return outcomes;
    }

    /** The given seed first, so that a replay reports its failure rather than one of the fixed seed. */
    private List<Long> seeds(String claim) {
        List<Long> seeds = new ArrayList<>();
        String given = System.getProperty(SEED, "").strip();
        if (given.equalsIgnoreCase("random")) {
            long fresh = System.nanoTime() * 0x9E3779B97F4A7C15L;
            System.out.println("[property] " + claim + ": random seed " + hex(fresh));
            seeds.add(fresh);
        } else if (!given.isEmpty()) {
            seeds.add(parseSeed(given));
        }
        seeds.add(seed != null ? seed : new SplittableRandom(claim.hashCode()).nextLong());
        return seeds;
    }

    static long parseSeed(String text) {
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return Long.parseUnsignedLong(text.substring(2), 16);
        }
        return Long.parseLong(text);
    }

    static String hex(long seed) {
        return "0x" + Long.toHexString(seed);
    }

    /** State the watchdog reads: which trial runs since when, on which input. */
    private static final class Progress {
        volatile long trial;
        volatile long since = System.nanoTime();
        volatile Object input;

        void start(long index, Object value) {
            input = value;
            trial = index;
            since = System.nanoTime();
        }
    }

    private Failure<T> runOnWorker(String claim, long s, int count, Function<? super T, String> trial,
            Outcomes outcomes, String caller) {
        Progress progress = new Progress();
        CompletableFuture<Failure<T>> done = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                done.complete(runTrials(s, count, trial, outcomes, progress));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "property-trials");
        worker.setDaemon(true);
        worker.start();
        long timeout = TimeUnit.SECONDS.toNanos(Long.getLong(TRIAL_TIMEOUT, 10));
        while (true) {
            long left = timeout - (System.nanoTime() - progress.since);
            try {
                return done.get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() - progress.since > timeout) {
                    worker.interrupt();
                    throw new AssertionError("property '" + claim + "': trial " + progress.trial + " of seed " + hex(s)
                            + " has run for more than " + TimeUnit.NANOSECONDS.toSeconds(timeout) + " s (a hang?)"
                            + "\n  reproduce: " + command(caller, s) + " -D" + TRIALS + "=" + (progress.trial + 1)
                            + "\n  input: " + Texts.show(progress.input));
                }
            } catch (ExecutionException e) {
                throw new AssertionError("property '" + claim + "': the generator failed on trial " + progress.trial
                        + " of seed " + hex(s), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private Failure<T> runTrials(long s, int count, Function<? super T, String> trial, Outcomes outcomes,
            Progress progress) {
        SplittableRandom master = new SplittableRandom(s);
        for (int i = 0; i < count; i++) {
            SplittableRandom random = master.split();
            progress.start(i, "(being generated)");
            T input = gen.next(random);
            progress.start(i, input);
            String outcome;
            try {
                outcome = trial.apply(input);
            } catch (Throwable failure) {
                return shrunk(i, input, failure, trial, progress);
            }
            outcomes.add(outcome);
        }
        return null;
    }

    /** Smaller inputs that fail with the same kind of throwable, as long as the budget lasts. */
    private Failure<T> shrunk(int index, T input, Throwable failure, Function<? super T, String> trial,
            Progress progress) {
        T current = input;
        Throwable currentFailure = failure;
        int steps = 0;
        int attempts = 0;
        long deadline = System.nanoTime() + SHRINK_NANOS;
        boolean smaller = true;
        while (smaller && attempts < SHRINK_ATTEMPTS && System.nanoTime() < deadline) {
            smaller = false;
            for (Iterator<T> it = shrink.candidates(current).iterator(); it.hasNext() && attempts < SHRINK_ATTEMPTS;) {
                T candidate = it.next();
                attempts++;
                progress.start(index, candidate);
                Throwable again = failureOf(trial, candidate);
                if (again != null && again.getClass() == currentFailure.getClass()) {
                    current = candidate;
                    currentFailure = again;
                    steps++;
                    smaller = true;
                    break;
                }
            }
        }
        return new Failure<>(index, input, current, steps, currentFailure);
    }

    private static <T> Throwable failureOf(Function<? super T, String> trial, T input) {
        try {
            trial.apply(input);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private record Failure<T>(int trial, T input, T shrunk, int steps, Throwable error) {
        AssertionError report(String claim, long seed, int count, String caller) {
            StringBuilder sb = new StringBuilder("property '").append(claim).append("' failed on trial ").append(trial)
                    .append(" of ").append(count).append(" of seed ").append(hex(seed))
                    .append("\n  reproduce: ").append(command(caller, seed)).append(" -D").append(TRIALS).append('=')
                    .append(trial + 1)
                    .append("\n  input: ").append(Texts.show(input));
            if (steps > 0) {
                sb.append("\n  shrunk in ").append(steps).append(" steps to: ").append(Texts.show(shrunk));
            }
            sb.append("\n  failure: ").append(error);
            return new AssertionError(sb.toString(), error);
        }
    }

    private static String command(String caller, long seed) {
        return "./mvnw test -Dtest=" + caller + " -D" + SEED + "=" + hex(seed);
    }

    /** {@code Class#method} of the test that called {@link #check}, for the replay command. */
    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith(Property.class.getPackageName() + "."))
                .findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "#" + f.getMethodName())
                .orElse("?"));
    }
}
