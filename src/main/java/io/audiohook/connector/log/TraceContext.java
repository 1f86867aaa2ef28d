package io.audiohook.connector.log;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trace a call's WebSocket upgrade request belongs to, as Cloud Logging wants it on every line of the call
 * ({@code logging.googleapis.com/trace}, {@code …/spanId}, {@code …/trace_sampled}), so Logs Explorer shows the
 * call's lines under the upgrade request Cloud Run logged, and "show entries for this trace" finds them all.
 *
 * <p>
 * Cloud Run's front end puts the trace on the request in two forms: {@code X-Cloud-Trace-Context:
 * TRACE_ID/SPAN_ID;o=OPTIONS} (span id in decimal) and W3C {@code traceparent: 00-TRACE_ID-SPAN_ID-FLAGS} (span id
 * in hex). The first that parses wins; a malformed or oversized header counts as absent, never as an error, since
 * the header is the caller's and only labels the logs.
 *
 * @param traceId 32 lowercase hex digits, never all zeros
 * @param spanId  16 lowercase hex digits, or null when the header named none
 * @param sampled whether the caller sampled the trace ({@code o=1}, or bit 0 of the W3C flags)
 * @param project the Google Cloud project the trace is recorded in, or null when unknown
 */
public record TraceContext(String traceId, String spanId, boolean sampled, String project) {
    public static final String X_CLOUD_TRACE_CONTEXT = "X-Cloud-Trace-Context";
    public static final String TRACEPARENT = "traceparent";
    /** Either header is under 60 characters when well formed; anything much longer is not read at all. */
    static final int MAX_HEADER_LENGTH = 256;

    private static final Pattern X_CLOUD = Pattern.compile("([0-9a-fA-F]{32})(?:/([0-9]{1,20}))?(?:;o=([0-9]{1,2}))?");
    // Version 00 has exactly four fields; a later version may append more, which are not read (W3C Trace Context 4.3).
    private static final Pattern W3C = Pattern
            .compile("([0-9a-fA-F]{2})-([0-9a-fA-F]{32})-([0-9a-fA-F]{16})-([0-9a-fA-F]{2})(-.*)?");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    /** The trace of a request with these header values (either may be null), or empty. */
    public static Optional<TraceContext> parse(String xCloudTraceContext, String traceparent) {
        return fromXCloud(xCloudTraceContext).or(() -> fromTraceparent(traceparent));
    }

    /** The same trace, recorded in {@code project} (a blank or null project: unknown). */
    public TraceContext inProject(String project) {
        return new TraceContext(traceId, spanId, sampled,
                project == null || project.isBlank() ? null : project.trim());
    }

    /**
     * What {@code logging.googleapis.com/trace} holds: {@code projects/<project>/traces/<traceId>}. Without a
     * project only the bare trace id, which Cloud Logging keeps but does not link to the trace.
     */
    public String resourceName() {
        return project == null ? traceId : "projects/" + project + "/traces/" + traceId;
    }

    private static Optional<TraceContext> fromXCloud(String header) {
        Matcher m = matcher(X_CLOUD, header);
        if (m == null || m.group(1).equals(ZERO_TRACE)) {
            return Optional.empty();
        }
        String span = null;
        if (m.group(2) != null) {
            long value;
            try {
                value = Long.parseUnsignedLong(m.group(2));
            } catch (NumberFormatException e) {
                return Optional.empty(); // over 2^64 - 1: not a span id
            }
            // Span id 0 is what some proxies send for "none"; Cloud Logging wants 16 hex digits
            span = value == 0 ? null : String.format("%016x", value);
        }
        boolean sampled = m.group(3) != null && (Integer.parseInt(m.group(3)) & 1) == 1;
        return Optional.of(new TraceContext(m.group(1).toLowerCase(Locale.ROOT), span, sampled, null));
    }

    private static Optional<TraceContext> fromTraceparent(String header) {
        Matcher m = matcher(W3C, header);
        if (m == null) {
            return Optional.empty();
        }
        String version = m.group(1).toLowerCase(Locale.ROOT);
        String trace = m.group(2).toLowerCase(Locale.ROOT);
        String span = m.group(3).toLowerCase(Locale.ROOT);
        if (version.equals("ff") || (version.equals("00") && m.group(5) != null) || trace.equals(ZERO_TRACE)
                || span.equals(ZERO_SPAN)) {
            return Optional.empty(); // invalid per W3C Trace Context: the whole header is ignored
        }
        boolean sampled = (Integer.parseInt(m.group(4), 16) & 1) == 1;
        return Optional.of(new TraceContext(trace, span, sampled, null));
    }

    private static Matcher matcher(Pattern pattern, String header) {
        if (header == null || header.length() > MAX_HEADER_LENGTH) {
            return null;
        }
        Matcher m = pattern.matcher(header.trim());
        return m.matches() ? m : null;
    }
}
