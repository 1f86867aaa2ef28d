package io.audiohook.connector.protocol;

import java.util.Optional;

/**
 * The application's answer to an {@code open}, before {@code opened} goes out: accept it (and whether this call
 * starts paused, where the application decides per call), or refuse it with the {@code info} of a
 * {@code disconnect} with reason {@code error}.
 *
 * @param refusal           empty to accept
 * @param startPaused       empty for the deployment's {@code startPaused}
 * @param acknowledgeUpdate answer {@code update} with {@code updated} whatever the deployment says (a transcription
 *                          call, whose client changes the language and waits to hear it took effect)
 */
public record Admission(Optional<String> refusal, Optional<Boolean> startPaused, boolean acknowledgeUpdate) {
    public static final Admission ACCEPT = new Admission(Optional.empty(), Optional.empty(), false);

    public static Admission accept(Optional<Boolean> startPaused) {
        return accept(startPaused, false);
    }

    public static Admission accept(Optional<Boolean> startPaused, boolean acknowledgeUpdate) {
        return new Admission(Optional.empty(), startPaused, acknowledgeUpdate);
    }

    public static Admission refuse(String info) {
        return new Admission(Optional.of(info), Optional.empty(), false);
    }
}
