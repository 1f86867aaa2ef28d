package io.audiohook.connector.emulator;

import java.util.concurrent.ThreadLocalRandom;

/** Generated resource ids shaped like Dialogflow's: 22 URL-safe characters, starting with a letter. */
final class Ids {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALPHABET = LETTERS + "0123456789-_";
    private static final int LENGTH = 22;

    private Ids() {
    }

    /** Also valid as a custom conversation id ({@code [a-zA-Z][a-zA-Z0-9_-]*}, 3–64 characters). */
    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(LENGTH);
        id.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        while (id.length() < LENGTH) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
