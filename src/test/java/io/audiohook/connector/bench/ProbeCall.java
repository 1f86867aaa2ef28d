package io.audiohook.connector.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.ClientResources;
import io.audiohook.connector.client.ConnectResult;
import io.audiohook.connector.client.SessionConfig;

/** A normal call placed while something hostile goes on: upgrade, open, five pings, close, each timed. */
final class ProbeCall {
    private final CompletableFuture<ObjectNode> result;

    private ProbeCall(CompletableFuture<ObjectNode> result) {
        this.result = result;
    }

    static ProbeCall start(SessionConfig config, ClientResources resources) {
        return new ProbeCall(CompletableFuture.supplyAsync(() -> run(config, resources)));
    }

    ObjectNode finish() throws Exception {
        return result.get(2, TimeUnit.MINUTES);
    }

    private static ObjectNode run(SessionConfig config, ClientResources resources) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        try {
            long t = System.nanoTime();
            ConnectResult connected = AudioHookClient.connect(config, resources).get(30, TimeUnit.SECONDS);
            node.put("upgrade_status", connected.httpStatus()).put("upgrade_ms", millis(t));
            AudioHookClient client = connected.require();
            t = System.nanoTime();
            client.open().get(30, TimeUnit.SECONDS);
            node.put("open_to_opened_ms", millis(t));
            double worst = 0;
            for (int i = 0; i < 5; i++) {
                t = System.nanoTime();
                client.sendPing().get(30, TimeUnit.SECONDS);
                worst = Math.max(worst, millis(t));
            }
            node.put("ping_to_pong_ms_max", worst);
            client.close("end").get(30, TimeUnit.SECONDS);
            node.put("closed", true).put("violations", client.violations().size());
        } catch (Exception e) {
            node.put("failed", e.toString());
        }
        return node;
    }

    private static double millis(long since) {
        return Math.round((System.nanoTime() - since) / 10_000.0) / 100.0;
    }
}
