package io.audiohook.connector.testkit.property;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Makes one random value from the random source of a trial. Every choice a generator makes comes from that source,
 * so the trial's seed replays the value exactly (see {@link Property}).
 */
@FunctionalInterface
public interface Gen<T> {

    T next(SplittableRandom random);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(next(random));
    }

    /** A second generator chosen by this one's value, e.g. a string of a generated length. */
    default <R> Gen<R> flatMap(Function<? super T, Gen<? extends R>> f) {
        return random -> f.apply(next(random)).next(random);
    }

    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    @SafeVarargs
    static <T> Gen<T> element(T... values) {
        return element(List.of(values));
    }

    static <T> Gen<T> element(List<T> values) {
        List<T> copy = List.copyOf(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /** One of the generators, each as likely; {@link #choice()} for weights. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = List.of(gens);
        return random -> copy.get(random.nextInt(copy.size())).next(random);
    }

    /** Weighted alternatives: {@code Gen.<T>choice().or(5, common).or(1, rare)}. */
    static <T> Choice<T> choice() {
        return new Choice<>();
    }

    static Gen<Boolean> booleans() {
        return SplittableRandom::nextBoolean;
    }

    /** True with the given probability. */
    static Gen<Boolean> chance(double probability) {
        return random -> random.nextDouble() < probability;
    }

    /** Inclusive range, edges and every magnitude favoured as by {@link #longs}. */
    static Gen<Integer> ints(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    /**
     * Inclusive range. An eighth of the values are edges (min, max, their neighbours, 0 and 1 when in range), three
     * eighths are spread over every magnitude (so 7-digit and 19-digit values are as common as each other), the
     * rest uniform.
     */
    static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        List<Long> edges = new ArrayList<>();
        for (long edge : new long[] {min, max, min + 1, max - 1, 0, 1, -1}) {
            if (edge >= min && edge <= max) {
                edges.add(edge);
            }
        }
        return random -> {
            int pick = random.nextInt(8);
            if (pick == 0) {
                return edges.get(random.nextInt(edges.size()));
            }
            if (pick <= 3) {
                long magnitude = random.nextLong() >>> random.nextInt(64);
                long candidate = min >= 0 ? min + magnitude : random.nextBoolean() ? magnitude : -magnitude;
                if (candidate >= min && candidate <= max && (min < 0 || magnitude <= max - min)) {
                    return candidate;
                }
            }
            return uniform(random, min, max);
        };
    }

    /** Lists of {@code min..max} elements, short ones more often than long ones. */
    static <T> Gen<List<T>> lists(Gen<? extends T> element, int min, int max) {
        Gen<Integer> size = sizes(min, max);
        return random -> {
            int n = size.next(random);
            List<T> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(element.next(random));
            }
            return list;
        };
    }

    /** Sizes in {@code min..max}, each power-of-two band as likely as the next, so small sizes dominate. */
    static Gen<Integer> sizes(int min, int max) {
        return random -> {
            int span = max - min;
            if (span <= 0) {
                return min;
            }
            int band = random.nextInt(1, 33 - Integer.numberOfLeadingZeros(span));
            int low = (1 << (band - 1)) - 1;
            int high = band >= 31 ? span : Math.min(span, (1 << band) - 1);
            return min + low + random.nextInt(high - low + 1);
        };
    }

    private static long uniform(SplittableRandom random, long min, long max) {
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        if (min > Long.MIN_VALUE) {
            return random.nextLong(min - 1, max) + 1;
        }
        return random.nextLong();
    }

    /** Weighted alternatives, see {@link Gen#choice()}. */
    final class Choice<T> implements Gen<T> {
        private final List<Gen<? extends T>> gens = new ArrayList<>();
        private final List<Integer> weights = new ArrayList<>();
        private int total;

        private Choice() {
        }

        public Choice<T> or(int weight, Gen<? extends T> gen) {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive");
            }
            gens.add(gen);
            weights.add(weight);
            total += weight;
            return this;
        }

        @Override
        public T next(SplittableRandom random) {
            int ticket = random.nextInt(total);
            for (int i = 0; i < gens.size(); i++) {
                ticket -= weights.get(i);
                if (ticket < 0) {
                    return gens.get(i).next(random);
                }
            }
            throw new IllegalStateException("no alternatives");
        }
    }
}
