package io.audiohook.connector.app;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Dev mode only: when nothing answers where Redis is expected on this machine and {@code redis-server} is
 * installed, start one, so that {@code ./mvnw quarkus:dev} alone gives a working local setup. Nothing is kept
 * on disk, and the server stops with the application.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class LocalRedis {
    private static final Logger LOG = Logger.getLogger(LocalRedis.class);

    @ConfigProperty(name = "quarkus.redis.hosts")
    List<URI> hosts;

    private Process server;

    void start(@Observes StartupEvent event) {
        URI uri = hosts.get(0);
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        if (!isLocal(host) || answers(host, port)) {
            return;
        }
        String binary = findRedisServer();
        if (binary == null) {
            LOG.warnf("no Redis on %s:%d and no redis-server installed: install it (apt-get install redis-server) "
                    + "or set REDIS_URL; until then events wait in the outbox", host, port);
            return;
        }
        try {
            server = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            LOG.infof("started a local redis-server on port %d for dev mode", port);
        } catch (IOException e) {
            LOG.warnf("could not start redis-server: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.destroy();
        }
    }

    private static boolean isLocal(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String findRedisServer() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, "redis-server");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        File usual = new File("/usr/bin/redis-server");
        return usual.canExecute() ? usual.getPath() : null;
    }
}
