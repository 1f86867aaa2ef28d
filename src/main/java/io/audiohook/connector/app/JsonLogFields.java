package io.audiohook.connector.app;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.audiohook.connector.log.CloudLoggingFields;
import io.quarkus.runtime.StartupEvent;

/**
 * Puts {@link CloudLoggingFields} on the JSON console (production) before anything else starts, so every line of
 * every call has its ids and trace at the top level. Quarkus offers no setting for a formatter of one's own, and
 * sets its handlers up before the application's beans run: this is the first moment they can be decorated.
 */
@ApplicationScoped
class JsonLogFields {
    private static final Logger LOG = Logger.getLogger(JsonLogFields.class);

    void install(@Observes @Priority(0) StartupEvent event) {
        int decorated = CloudLoggingFields.install(java.util.logging.Logger.getLogger(""));
        LOG.debugf("call ids and trace on %d JSON log handler(s)", decorated);
    }
}
