package io.audiohook.connector.assist;

/**
 * Where the Dialogflow clients connect.
 *
 * @param plaintext no TLS and no credentials: only for an emulator
 */
public record DialogflowEndpoint(String target, boolean plaintext) {

    public static DialogflowEndpoint google(ProfileName profile) {
        return new DialogflowEndpoint(profile.regionalEndpoint(), false);
    }

    public static DialogflowEndpoint emulator(int port) {
        return new DialogflowEndpoint("localhost:" + port, true);
    }

    public int port() {
        int colon = target.lastIndexOf(':');
        return colon < 0 ? 443 : Integer.parseInt(target.substring(colon + 1));
    }

    @Override
    public String toString() {
        return target + (plaintext ? " (plaintext, no credentials)" : "");
    }
}
