package io.audiohook.connector.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The GCE metadata server as the TLS benchmarks need it (the JDK's HTTP server, no dependency): the connector's
 * Application Default Credentials get service-account tokens from it exactly as on Cloud Run
 * ({@code GCE_METADATA_HOST}), and the emulator checks each token against its {@code /tokeninfo}
 * ({@code CONNECTOR_EMULATOR_AUTH_TOKENINFO_URL}). Tokens live an hour, as Google's do, so a benchmark sees the
 * steady production path: a cached token on every call, refreshed in the background. Tests that need failures or
 * short-lived tokens use WireMock ({@code ProductionPathIT}).
 *
 * <pre>MetadataServerDouble --port PORT</pre>
 */
public final class MetadataServerDouble {
    static final int TOKEN_SECONDS = 3600;

    private MetadataServerDouble() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("--port")) {
            System.err.println("usage: MetadataServerDouble --port PORT");
            System.exit(2);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[1])), 50);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean flavored = "Google".equals(exchange.getRequestHeaders().getFirst("Metadata-Flavor"));
            switch (path) {
                case "/" -> answer(exchange, 200, "");
                case "/computeMetadata/v1/universe/universe-domain" ->
                        answer(exchange, flavored ? 200 : 403, "googleapis.com");
                case "/computeMetadata/v1/instance/service-accounts/default/token" -> answer(exchange,
                        flavored ? 200 : 403, "{\"access_token\":\"ya29.bench-" + UUID.randomUUID()
                                + "\",\"expires_in\":" + TOKEN_SECONDS + ",\"token_type\":\"Bearer\"}");
                case "/tokeninfo" -> answer(exchange, 200, "{\"expires_in\":\"" + TOKEN_SECONDS + "\"}");
                default -> answer(exchange, 404, "");
            }
        });
        server.start();
        System.out.println("metadata server double on " + server.getAddress());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Metadata-Flavor", "Google");
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
