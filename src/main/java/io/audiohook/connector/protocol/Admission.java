package io.audiohook.connector.protocol;

import java.util.Optional;

/**
 * The application's answer to an {@code open}, before {@code opened} goes out: accept it (and whether this call
 * starts paused, where the application decides per call), or refuse it with the {@code info} of a
 * {@code disconnect} with reason {@code error}.
 *
 * @param refusal     empty to accept
 * @param startPaused empty for the deployment's {@code startPaused}
 */
public record Admission(Optional<String> refusal, Optional<Boolean> startPaused) {
    public static final Admission ACCEPT = new Admission(Optional.empty(), Optional.empty());

    public static Admission accept(Optional<Boolean> startPaused) {
        return new Admission(Optional.empty(), startPaused);
    }

    public static Admission refuse(String info) {
        return new Admission(Optional.of(info), Optional.empty());
    }
}
