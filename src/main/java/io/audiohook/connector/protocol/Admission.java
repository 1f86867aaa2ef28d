package io.audiohook.connector.protocol;

import java.util.Optional;
import java.util.Set;

/**
 * The application's answer to an {@code open}, before {@code opened} goes out: accept it (and whether this call
 * starts paused, where the application decides per call), or refuse it with the {@code info} of a
 * {@code disconnect} with reason {@code error}.
 *
 * @param refusal           empty to accept
 * @param startPaused       empty for the deployment's {@code startPaused}
 * @param acknowledgeUpdate answer {@code update} with {@code updated} whatever the deployment says (a transcription
 *                          call, whose client changes the language and waits to hear it took effect)
 * @param notOffered        languages of the deployment's {@code supportedLanguages} not to offer this call (lower
 *                          case): its speech model is known not to recognise them
 */
public record Admission(Optional<String> refusal, Optional<Boolean> startPaused, boolean acknowledgeUpdate,
        Set<String> notOffered) {
    public static final Admission ACCEPT = new Admission(Optional.empty(), Optional.empty(), false, Set.of());

    public static Admission accept(Optional<Boolean> startPaused) {
        return accept(startPaused, false, Set.of());
    }

    public static Admission accept(Optional<Boolean> startPaused, boolean acknowledgeUpdate, Set<String> notOffered) {
        return new Admission(Optional.empty(), startPaused, acknowledgeUpdate, Set.copyOf(notOffered));
    }

    public static Admission refuse(String info) {
        return new Admission(Optional.of(info), Optional.empty(), false, Set.of());
    }
}
