package io.audiohook.connector.assist;

import java.util.Locale;

import com.google.api.gax.rpc.StatusCode;

/**
 * What a participant does when its stream ends with an error: the reaction to each status code, decided in one
 * place. Dialogflow's refusals that a retry cannot fix stop the participant; everything else degrades the call
 * for a while and never ends its assistance for good.
 */
enum StreamFailure {
    /** Transient: reopen after the short backoff. */
    RESTART,
    /** Audio arrived too fast for the service: reopen, and send at real time from now on. */
    SLOW_DOWN,
    /** Quota exhausted or credentials unavailable: keep the audio (bounded), retry on the long backoff, all call long. */
    WAIT,
    /** The language was refused: reopen with the profile's language (once). */
    FALL_BACK_LANGUAGE,
    /** Nothing a retry fixes: this participant stops; one WARN, one metric. */
    GIVE_UP;

    /**
     * @param description the status description (Google's texts are stable enough to recognise pacing)
     * @param canFallBack the stream's language is not the profile's, and no fallback happened yet
     */
    static StreamFailure of(StatusCode.Code code, String description, boolean canFallBack) {
        return switch (code) {
            case OUT_OF_RANGE -> description != null && description.toLowerCase(Locale.ROOT).contains("too fast")
                    ? SLOW_DOWN : RESTART;
            case UNAVAILABLE, ABORTED, INTERNAL, DEADLINE_EXCEEDED, UNKNOWN, CANCELLED, OK -> RESTART;
            case RESOURCE_EXHAUSTED, UNAUTHENTICATED -> WAIT;
            case INVALID_ARGUMENT -> canFallBack && mentionsLanguage(description) ? FALL_BACK_LANGUAGE : GIVE_UP;
            default -> GIVE_UP;
        };
    }

    /** Speech says "… not supported for language : xx-XX." or "bad language code": other refusals are not it. */
    private static boolean mentionsLanguage(String description) {
        return description != null && description.toLowerCase(Locale.ROOT).contains("language");
    }
}
