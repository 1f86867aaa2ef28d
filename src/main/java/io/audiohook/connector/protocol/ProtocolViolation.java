package io.audiohook.connector.protocol;

/**
 * A client broke the protocol. The message is what goes into {@code disconnect.info}: it describes the
 * client's input, never server internals or secrets.
 */
public final class ProtocolViolation extends RuntimeException {
    public static final String TOO_LARGE = "Text message too large";
    public static final String NOT_JSON = "Text message not valid JSON";
    public static final String MALFORMED = "Message not a well-formed client message";
    public static final String UNSUPPORTED_VERSION = "Unsupported protocol version";
    public static final String BAD_SEQ = "Invalid seq value (not monotonically increasing)";
    public static final String BAD_SERVERSEQ = "Invalid serverseq value";
    public static final String ID_MISMATCH = "Session identifier mismatch";
    public static final String BAD_PARAMETERS = "Invalid message parameters";
    public static final String BAD_AUDIO_FRAME = "Binary data not a valid audio frame";
    public static final String NO_MEDIA = "No acceptable media format offered";
    public static final String BINARY_TOO_LARGE = "Binary message too large";
    public static final String AUDIO_BEFORE_OPEN = "Audio received before open";
    /** The WebSocket answers: the code its close carries says the same. */
    public static final String FRAME_TOO_LARGE = "WebSocket frame too large";
    public static final String BAD_FRAMING = "Invalid WebSocket framing";
    public static final String NOT_UTF8 = "Text message not valid UTF-8";
    public static final String TOO_MANY_PINGS = "Too many WebSocket pings";
    public static final String TOO_MANY_MESSAGES = "Too many messages";

    public ProtocolViolation(String info) {
        super(info, null, false, false);
    }

    public String info() {
        return getMessage();
    }
}
