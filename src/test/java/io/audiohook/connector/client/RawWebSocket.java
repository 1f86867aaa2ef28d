package io.audiohook.connector.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client on a bare TCP socket that sends whatever frame it is told (FIN, opcode, mask, declared length,
 * payload), for the hostile inputs {@link java.net.http.WebSocket} refuses to produce: frames over any limit, broken
 * fragment sequences, invalid UTF-8, unmasked frames. It reads the server's frames on a thread of its own, so a test
 * can tell a close frame (with its code) from a connection dropped without one.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;
    /** The opcode of the {@link Frame} that stands for the end of the TCP stream. */
    public static final int END_OF_STREAM = -1;

    /** One frame from the server (unmasked, as servers send them), or the end of the stream. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame; 1005 (none given) when its payload is empty. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        @Override
        public String toString() {
            return opcode == END_OF_STREAM ? "end of stream"
                    : opcode == CLOSE ? "close " + closeCode() + " " + closeReason()
                    : opcode == TEXT ? "text " + text() : "opcode " + opcode + " (" + payload.length + " bytes)";
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final int status;
    private final String responseHead;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

    private RawWebSocket(Socket socket, int status, String responseHead) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.status = status;
        this.responseHead = responseHead;
    }

    /** Sends the upgrade request with {@code headers} and reads the answer; frames are read only after a 101. */
    public static RawWebSocket connect(URI uri, Map<String, String> headers) throws IOException {
        return connect(uri, headers, true);
    }

    /**
     * An AudioHook upgrade by a client that never reads what it is sent after the response head ({@link #next} waits
     * in vain), with a small receive buffer (4 KiB), so that what the server sends soon stays with the server.
     */
    public static RawWebSocket connectWithoutReading(SessionConfig config) throws IOException {
        return connect(config.uri(), AudioHookClient.upgradeHeaders(config), false);
    }

    private static RawWebSocket connect(URI uri, Map<String, String> headers, boolean read) throws IOException {
        Socket socket = new Socket();
        if (!read) {
            socket.setReceiveBufferSize(4096); // before connect: the window it announces
        }
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
        socket.setTcpNoDelay(true);
        StringBuilder request = new StringBuilder("GET ").append(uri.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: ").append(key()).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        OutputStream out = socket.getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String head = readHead(socket.getInputStream());
        int status = Integer.parseInt(head.substring(9, 12));
        RawWebSocket ws = new RawWebSocket(socket, status, head);
        if (!read) {
            return ws;
        }
        // Refused: whatever follows the head is skipped; only the end of the stream is reported.
        Thread reader = new Thread(status == 101 ? ws::readFrames : ws::skipToEnd, "raw-websocket-reader");
        reader.setDaemon(true);
        reader.start();
        return ws;
    }

    /** An AudioHook upgrade with the call's API key, ids and Genesys signature. */
    public static RawWebSocket connect(SessionConfig config) throws IOException {
        return connect(config.uri(), AudioHookClient.upgradeHeaders(config));
    }

    public int status() {
        return status;
    }

    public String responseHead() {
        return responseHead;
    }

    // ---------------------------------------------------------------- sending

    /** A masked frame, as a client must send it. */
    public void send(boolean fin, int opcode, byte[] payload) throws IOException {
        sendFrame(fin, opcode, true, payload.length, payload);
    }

    public void sendText(String text) throws IOException {
        send(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Any frame: the header says {@code declaredLength}, and {@code payload} follows (masked when asked), however
     * long it really is; a declared length beyond the payload leaves the server waiting for the rest.
     */
    public synchronized void sendFrame(boolean fin, int opcode, boolean masked, long declaredLength, byte[] payload)
            throws IOException {
        ByteBuffer header = ByteBuffer.allocate(14);
        header.put((byte) ((fin ? 0x80 : 0) | opcode));
        int mask = masked ? 0x80 : 0;
        if (declaredLength < 126) {
            header.put((byte) (mask | declaredLength));
        } else if (declaredLength <= 0xFFFF) {
            header.put((byte) (mask | 126)).putShort((short) declaredLength);
        } else {
            header.put((byte) (mask | 127)).putLong(declaredLength);
        }
        byte[] body = payload;
        if (masked) {
            byte[] key = new byte[4];
            ThreadLocalRandom.current().nextBytes(key);
            header.put(key);
            body = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                body[i] = (byte) (payload[i] ^ key[i & 3]);
            }
        }
        out.write(header.array(), 0, header.position());
        out.write(body);
        out.flush();
    }

    /** A close frame with a status code, as a client ends the WebSocket. */
    public void sendClose(int code) throws IOException {
        send(true, CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
    }

    // ---------------------------------------------------------------- receiving

    /** The next frame from the server, or null when none came within {@code timeout}. */
    public Frame next(Duration timeout) {
        try {
            return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Every frame up to and including the server's close frame or the end of the stream, whichever comes first;
     * fails when neither comes within {@code timeout}.
     */
    public List<Frame> untilClosed(Duration timeout) {
        List<Frame> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (frame == null) {
                throw new AssertionError("the server neither closed nor dropped the connection within " + timeout
                        + "; frames so far: " + seen);
            }
            seen.add(frame);
            if (frame.opcode() == CLOSE || frame.opcode() == END_OF_STREAM) {
                return seen;
            }
        }
    }

    /** Whether the server drops the TCP connection within {@code timeout} (frames before that are skipped). */
    public boolean droppedWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Frame frame;
        while ((frame = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null) {
            if (frame.opcode() == END_OF_STREAM) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    private void readFrames() {
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                int b0 = readByte(in);
                int b1 = readByte(in);
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = ((long) readByte(in) << 8) | readByte(in);
                } else if (length == 127) {
                    length = ByteBuffer.wrap(in.readNBytes(8)).getLong();
                }
                byte[] payload = in.readNBytes((int) length);
                if (payload.length < length) {
                    throw new EOFException();
                }
                frames.add(new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload));
            }
        } catch (IOException endOfStream) {
            frames.add(new Frame(true, END_OF_STREAM, new byte[0]));
        }
    }

    private void skipToEnd() {
        try {
            InputStream in = socket.getInputStream();
            while (in.skip(Long.MAX_VALUE) > 0 || in.read() >= 0) {
                // a body, or anything else the server sends on a refused upgrade
            }
        } catch (IOException endOfStream) {
            // reset: an end too
        }
        frames.add(new Frame(true, END_OF_STREAM, new byte[0]));
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = readByte(in);
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String key() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }
}
