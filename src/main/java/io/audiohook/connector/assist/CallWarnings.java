package io.audiohook.connector.assist;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * Says each kind of trouble once per call at WARN, however often it recurs (a quota wait retried every few
 * seconds, a stalled channel): later occurrences go to DEBUG. Shared by the call's participant streams.
 */
final class CallWarnings {
    private static final Logger LOG = Logger.getLogger(CallWarnings.class);
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    /** @return true if this was the first time for {@code kind} in this call */
    boolean warnOnce(String kind, String format, Object... args) {
        if (said.add(kind)) {
            LOG.warnf(format, args);
            return true;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf(format, args);
        }
        return false;
    }

    boolean said(String kind) {
        return said.contains(kind);
    }
}
