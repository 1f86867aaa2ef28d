package io.audiohook.connector.assist;

import java.util.List;

import org.jboss.logging.Logger;

/** Several sinks as one: every event to each, in order; one failing sink does not keep it from the others. */
public final class EventSinks {
    private static final Logger LOG = Logger.getLogger(EventSinks.class);

    private EventSinks() {
    }

    public static AssistEventSink all(List<AssistEventSink> sinks) {
        List<AssistEventSink> each = List.copyOf(sinks);
        if (each.size() == 1) {
            return each.get(0);
        }
        return event -> {
            for (AssistEventSink sink : each) {
                try {
                    sink.accept(event);
                } catch (RuntimeException e) {
                    LOG.warnf("event sink failed: %s", e.toString());
                }
            }
        };
    }
}
