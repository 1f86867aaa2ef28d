package io.audiohook.connector.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log line of the running application while it is open, with its level and MDC, for assertions; and the
 * record itself, to format it as the application's console does.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    public record Line(Level level, String logger, String message, Map<String, String> mdc, LogRecord record) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.root.addHandler(capture);
        return capture;
    }

    public List<Line> lines() {
        return lines;
    }

    /** Lines at {@code level} or above whose message contains {@code text}. */
    public List<Line> matching(Level level, String text) {
        return lines.stream().filter(l -> l.level().intValue() >= level.intValue() && l.message().contains(text))
                .toList();
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        Map<String, String> mdc = Map.of();
        if (record instanceof ExtLogRecord ext) {
            message = ext.getFormattedMessage();
            mdc = ext.getMdcCopy();
        }
        lines.add(new Line(record.getLevel(), String.valueOf(record.getLoggerName()),
                message + " " + String.valueOf(record.getThrown()), mdc, record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
