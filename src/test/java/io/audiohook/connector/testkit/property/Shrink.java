package io.audiohook.connector.testkit.property;

import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Smaller neighbours of a failing input; {@link Property} keeps the first one that still fails the same way and
 * starts again from it, until none does (or its budget is spent).
 */
@FunctionalInterface
public interface Shrink<T> {

    /** Candidates, most promising first, made lazily: the runner usually stops at one of the first. */
    Stream<T> candidates(T value);

    static <T> Shrink<T> none() {
        return value -> Stream.empty();
    }

    /**
     * Texts with a span removed (all of it, then halves, then quarters, down to single characters), then with one
     * character outside ASCII replaced by {@code a}, so that what is left is what matters.
     */
    static Shrink<String> text() {
        return value -> {
            int n = value.length();
            Stream<String> cuts = IntStream.iterate(n, span -> span >= 1, span -> span / 2)
                    .boxed()
                    .flatMap(span -> IntStream.iterate(0, start -> start + span <= n, start -> start + span)
                            .mapToObj(start -> value.substring(0, start) + value.substring(start + span)));
            Stream<String> asciified = IntStream.range(0, n)
                    .filter(i -> value.charAt(i) > 0x7E)
                    .mapToObj(i -> value.substring(0, i) + 'a' + value.substring(i + 1));
            return Stream.concat(cuts, asciified);
        };
    }
}
