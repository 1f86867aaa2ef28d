package io.audiohook.connector.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy for fault injection: listens on a free local port, forwards each connection to a target, and can be
 * switched at run time between passing bytes, {@linkplain #stall() holding them} (both directions), {@linkplain
 * #slow(Duration) delaying each chunk} and {@linkplain #refuse() refusing} new connections; {@link #cut()} resets
 * every current connection and keeps accepting. A connection to a target that does not answer is reset too, as a
 * refused connection would be.
 *
 * <p>One thread per direction of each connection (blocking sockets): for the few connections of a test only.
 */
public final class TcpProxy implements AutoCloseable {
    /** What happens to the bytes and connections from now on. */
    public enum Mode {
        PASS, STALL, SLOW, REFUSE
    }

    private static final int CHUNK = 16 * 1024;

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger reset = new AtomicInteger();
    private final AtomicLong forwarded = new AtomicLong();
    private volatile Mode mode = Mode.PASS;
    private volatile long delayMillis;
    private volatile boolean closed;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + port() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free loopback port to {@code host:port}, passing bytes. */
    public static TcpProxy to(String host, int port) {
        try {
            return new TcpProxy(host, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for a proxy to " + host + ":" + port, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public Mode mode() {
        return mode;
    }

    /** Forward bytes as they come. */
    public void pass() {
        set(Mode.PASS, 0);
    }

    /** Hold every byte, both directions, until the mode changes; connections stay open. */
    public void stall() {
        set(Mode.STALL, 0);
    }

    /** Hold each chunk read, in each direction, this long before forwarding it (a round trip takes twice as long). */
    public void slow(Duration perChunk) {
        set(Mode.SLOW, perChunk.toMillis());
    }

    /** Reset each new connection at once; current ones go on. */
    public void refuse() {
        set(Mode.REFUSE, 0);
    }

    /** Resets every current connection (both sides, as a broken network would); new ones are accepted as before. */
    public int cut() {
        int n = 0;
        for (Link link : links) {
            link.reset();
            n++;
        }
        return n;
    }

    /** Connections accepted since start. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections reset by {@link #cut()}, {@link #refuse()} or an unreachable target. */
    public int reset() {
        return reset.get();
    }

    /** Bytes forwarded, both directions. */
    public long forwarded() {
        return forwarded.get();
    }

    @Override
    public void close() {
        closed = true;
        set(Mode.PASS, 0);
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        links.forEach(Link::close);
    }

    private void set(Mode next, long delay) {
        synchronized (gate) {
            delayMillis = delay;
            mode = next;
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            if (mode == Mode.REFUSE) {
                reset.incrementAndGet();
                resetQuietly(client);
                continue;
            }
            Socket target = new Socket();
            try {
                target.connect(new InetSocketAddress(targetHost, targetPort), 2000);
            } catch (IOException unreachable) {
                reset.incrementAndGet();
                resetQuietly(client);
                closeQuietly(target);
                continue;
            }
            Link link = new Link(client, target);
            links.add(link);
            link.start();
        }
    }

    /** Blocks while stalled, waits the delay while slow; false once the link is gone. */
    private boolean awaitPassage(Link link) throws InterruptedException {
        long delay;
        synchronized (gate) {
            while (mode == Mode.STALL && !link.gone) {
                gate.wait(100);
            }
            delay = mode == Mode.SLOW ? delayMillis : 0;
        }
        if (delay > 0) {
            Thread.sleep(delay);
        }
        return !link.gone;
    }

    private static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // RST instead of FIN
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** One proxied connection: a pump per direction. */
    private final class Link {
        final Socket client;
        final Socket target;
        final AtomicInteger pumping = new AtomicInteger(2);
        volatile boolean gone;

        Link(Socket client, Socket target) {
            this.client = client;
            this.target = target;
        }

        void start() {
            String name = "tcp-proxy-" + port() + "-" + client.getPort();
            Thread up = new Thread(() -> pump(client, target), name + "-up");
            Thread down = new Thread(() -> pump(target, client), name + "-down");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[CHUNK];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!awaitPassage(this)) {
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    forwarded.addAndGet(n);
                }
                to.shutdownOutput(); // the other side's FIN, passed on
            } catch (IOException | InterruptedException e) {
                close();
            } finally {
                if (pumping.decrementAndGet() == 0) {
                    close();
                }
            }
        }

        void reset() {
            gone = true;
            if (links.remove(this)) {
                reset.incrementAndGet();
            }
            resetQuietly(client);
            resetQuietly(target);
        }

        void close() {
            gone = true;
            links.remove(this);
            closeQuietly(client);
            closeQuietly(target);
        }
    }
}
