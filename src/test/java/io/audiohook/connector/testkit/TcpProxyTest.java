package io.audiohook.connector.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against a local echo server: each mode does to the bytes and connections what it says. */
class TcpProxyTest {
    ServerSocket echo;
    TcpProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread t = new Thread(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException ignored) {
                            // the test reset it
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        proxy = TcpProxy.to("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void passesStallsSlowsCutsAndRefuses() throws Exception {
        try (Socket s = connect()) {
            assertArrayEquals(new byte[] { 1 }, roundTrip(s, 1));

            proxy.stall();
            s.getOutputStream().write(2);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(), "held while stalled");
            proxy.pass();
            assertEquals(2, s.getInputStream().read(), "delivered once passing again");

            proxy.slow(Duration.ofMillis(150));
            long started = System.nanoTime();
            s.setSoTimeout(2000);
            assertArrayEquals(new byte[] { 3 }, roundTrip(s, 3));
            assertTrue(System.nanoTime() - started >= 300_000_000L, "delayed each way");
            proxy.pass();

            assertEquals(1, proxy.cut());
            assertTrue(ended(s.getInputStream()), "the connection was reset");
        }
        try (Socket again = connect()) {
            assertArrayEquals(new byte[] { 4 }, roundTrip(again, 4), "accepting after a cut");
        }
        proxy.refuse();
        try (Socket refused = connect()) {
            refused.getOutputStream().write(5);
            assertTrue(ended(refused.getInputStream()), "refused");
        } catch (IOException alsoRefused) {
            // the reset may already fail the write
        }
        assertEquals(3, proxy.accepted());
        assertEquals(2, proxy.reset());
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(300);
        return s;
    }

    private static byte[] roundTrip(Socket s, int b) throws IOException {
        s.getOutputStream().write(b);
        return new byte[] { (byte) s.getInputStream().read() };
    }

    private static boolean ended(InputStream in) {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
