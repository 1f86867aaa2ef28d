package io.audiohook.connector.log;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.StructuredFormatter;

/**
 * Puts the call's ids and trace ({@link LogContext#KEYS}, from the MDC) at the top level of each JSON log line, where
 * Cloud Logging reads {@code logging.googleapis.com/trace}, {@code …/spanId} and {@code …/trace_sampled} (it ignores
 * them anywhere else) and where Logs Explorer searches {@code jsonPayload.sessionId} plainly.
 *
 * <p>
 * Why a decorator: Quarkus' JSON formatter can add only static fields ({@code additional-field}) and nests the MDC
 * under {@code mdc}; its {@code gcp} format lifts only OpenTelemetry's {@code traceId}/{@code spanId}/{@code sampled}
 * and writes them as {@code trace}, {@code spanId}, {@code traceSampled}, names Cloud Logging does not link, with the
 * application name as the project. So the framework's line is kept exactly as configured (severity, timestamp,
 * exception, {@code mdc}) and these fields are spliced in after its opening brace.
 */
public final class CloudLoggingFields extends ExtFormatter {
    private final ExtFormatter json;

    public CloudLoggingFields(ExtFormatter json) {
        this.json = json;
    }

    /**
     * Decorates the JSON formatter of every handler under {@code root} (Quarkus nests the console in a delayed
     * handler), once; handlers with a text format are left alone.
     *
     * @return how many were decorated
     */
    public static int install(Logger root) {
        int n = 0;
        for (Handler handler : root.getHandlers()) {
            n += decorate(handler);
        }
        return n;
    }

    private static int decorate(Handler handler) {
        int n = 0;
        if (handler instanceof ExtHandler ext) {
            for (Handler child : ext.getHandlers()) {
                n += decorate(child);
            }
        }
        Formatter formatter = handler.getFormatter();
        if (formatter instanceof StructuredFormatter structured) {
            handler.setFormatter(new CloudLoggingFields(structured));
            n++;
        }
        return n;
    }

    @Override
    public String format(ExtLogRecord record) {
        String line = json.format(record);
        int brace = line.indexOf('{');
        if (brace < 0) {
            return line;
        }
        StringBuilder fields = new StringBuilder(256);
        for (String key : LogContext.KEYS) {
            String value = record.getMdc(key);
            if (value != null) {
                quote(fields, key).append(':');
                if (key.equals(LogContext.TRACE_SAMPLED)) {
                    fields.append(Boolean.parseBoolean(value)); // Cloud Logging wants a JSON boolean
                } else {
                    quote(fields, value);
                }
                fields.append(',');
            }
        }
        if (fields.isEmpty()) {
            return line;
        }
        int next = brace + 1;
        while (next < line.length() && Character.isWhitespace(line.charAt(next))) {
            next++;
        }
        if (next == line.length() || line.charAt(next) == '}') {
            fields.setLength(fields.length() - 1); // an empty object: no comma before its closing brace
        }
        return new StringBuilder(line.length() + fields.length()).append(line, 0, brace + 1).append(fields)
                .append(line, brace + 1, line.length()).toString();
    }

    @Override
    public boolean isCallerCalculationRequired() {
        return json.isCallerCalculationRequired();
    }

    private static StringBuilder quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }
}
