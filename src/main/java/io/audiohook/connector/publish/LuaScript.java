package io.audiohook.connector.publish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), so its text crosses the wire only when Redis does not have it
 * cached yet (a new, restarted or flushed Redis answers {@code NOSCRIPT}; then {@code EVAL} sends it once).
 */
final class LuaScript {
    private final String text;
    private final String sha;

    LuaScript(String text) {
        this.text = text;
        this.sha = sha1(text);
    }

    /** @param keysThenArgs the keys first ({@code numKeys} of them), then the arguments */
    Uni<Response> run(RedisLane redis, int numKeys, String... keysThenArgs) {
        String[] command = new String[2 + keysThenArgs.length];
        command[0] = sha;
        command[1] = Integer.toString(numKeys);
        System.arraycopy(keysThenArgs, 0, command, 2, keysThenArgs.length);
        return redis.execute(Command.EVALSHA, command)
                .onFailure(LuaScript::noScript).recoverWithUni(() -> {
                    String[] withText = command.clone();
                    withText[0] = text;
                    return redis.execute(Command.EVAL, withText);
                });
    }

    private static boolean noScript(Throwable error) {
        return String.valueOf(error.getMessage()).startsWith("NOSCRIPT");
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
