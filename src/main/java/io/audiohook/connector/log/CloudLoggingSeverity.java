package io.audiohook.connector.log;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Renames the levels JBoss Logging prints to Cloud Logging's severities (WARN → WARNING, TRACE → DEBUG,
 * FATAL → CRITICAL) for the JSON console of production, whose {@code gcp} format puts the level in
 * {@code severity}. DEBUG, INFO and ERROR are the same in both. The numeric level is kept, so level checks of
 * later handlers are unaffected.
 */
@LoggingFilter(name = "cloud-logging-severity")
public final class CloudLoggingSeverity implements Filter {
    static final Level WARNING = new Severity("WARNING", org.jboss.logmanager.Level.WARN.intValue());
    static final Level DEBUG = new Severity("DEBUG", org.jboss.logmanager.Level.TRACE.intValue());
    static final Level CRITICAL = new Severity("CRITICAL", org.jboss.logmanager.Level.FATAL.intValue());

    @Override
    public boolean isLoggable(LogRecord record) {
        Level level = record.getLevel();
        if (level == org.jboss.logmanager.Level.WARN || level == Level.WARNING) {
            record.setLevel(WARNING);
        } else if (level == org.jboss.logmanager.Level.TRACE || level == Level.FINEST || level == Level.FINER) {
            record.setLevel(DEBUG);
        } else if (level == org.jboss.logmanager.Level.FATAL) {
            record.setLevel(CRITICAL);
        }
        return true;
    }

    private static final class Severity extends Level {
        private static final long serialVersionUID = 1L;

        Severity(String name, int value) {
            super(name, value);
        }
    }
}
