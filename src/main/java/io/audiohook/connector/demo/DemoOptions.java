package io.audiohook.connector.demo;

import java.time.Duration;

/**
 * The demo command's options. The defaults are dev mode's ({@code %dev} in application.properties), so the
 * command with no options places a call to {@code ./mvnw quarkus:dev} on this machine.
 *
 * @param monitor place AudioHook Monitor calls; otherwise the calls ask for Transcription Connector mode
 *                ({@code customConfig.mode}), so the service sends each final transcript back on the call's socket
 */
record DemoOptions(Target target, int calls, Duration stagger, boolean monitor) {
    static final String DEFAULT_URI = "ws://localhost:8080/audiohook/ws";
    static final String DEFAULT_API_KEY = "dev-api-key";
    static final String DEFAULT_SECRET = "ZGV2LWNsaWVudC1zZWNyZXQtMzItYnl0ZXMtbG9uZyE=";
    static final String TRANSCRIPTION = "{\"mode\":\"transcription\"}";

    static final String USAGE = """
            usage: bench/demo.sh [--uri ws://localhost:8080/audiohook/ws] [--api-key dev-api-key] [--secret BASE64]
                                 [--calls 1] [--stagger-ms 500] [--org-id UUID] [--monitor]
            Places demo calls: the bundled two-party recording in real time, signed like Genesys. Each call asks for
            Transcription Connector mode and prints the transcripts the service sends back; --monitor places plain
            AudioHook Monitor calls (their transcripts go to the agent desktop and the transcript API only).
            The defaults are those of ./mvnw quarkus:dev. Exit code 1 when a call failed, 2 for bad options.""";

    static DemoOptions parse(String... args) {
        String uri = DEFAULT_URI;
        String apiKey = DEFAULT_API_KEY;
        String secret = DEFAULT_SECRET;
        String org = null;
        int calls = 1;
        int staggerMillis = 500;
        boolean monitor = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("-h") || option.equals("--help")) {
                throw new IllegalArgumentException("help");
            }
            if (option.equals("--monitor")) {
                monitor = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--uri" -> uri = value;
                case "--api-key" -> apiKey = value;
                case "--secret" -> secret = value;
                case "--org-id" -> org = value;
                case "--calls" -> calls = number(option, value, 1, 1000);
                case "--stagger-ms" -> staggerMillis = number(option, value, 0, 60_000);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        Target target = Target.of(uri, apiKey, secret);
        if (org != null) {
            target = target.withOrganizationId(org);
        }
        if (!monitor) {
            target = target.withCustomConfig(TRANSCRIPTION);
        }
        return new DemoOptions(target, calls, Duration.ofMillis(staggerMillis), monitor);
    }

    private static int number(String option, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not " + value);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max);
        }
        return n;
    }
}
