package io.audiohook.connector.web.console;

import java.util.Optional;
import java.util.function.IntSupplier;

import io.audiohook.connector.auth.ApiKey;

/**
 * How the console's demo calls sign in to this instance, as Genesys would: the first configured API key (it must
 * have a client secret: a demo call is signed) and, when the instance admits only some organizations, the first of
 * them; and the port this instance's HTTP server listens on (read when a call is placed: a test's is chosen at
 * start).
 */
public record DemoCredentials(Optional<ApiKey> key, Optional<String> organizationId, IntSupplier ownPort) {
}
