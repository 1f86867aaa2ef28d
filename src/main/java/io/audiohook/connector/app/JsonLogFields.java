package io.audiohook.connector.app;

import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.audiohook.connector.log.CloudLoggingFields;
import io.quarkus.runtime.StartupEvent;

/**
 * Puts {@link CloudLoggingFields} on the JSON console (production) before anything else starts, so every line of
 * every call has its ids and trace at the top level. Quarkus offers no setting for a formatter of one's own, and
 * sets its handlers up before the application's beans run: this is the first moment they can be decorated.
 */
@ApplicationScoped
class JsonLogFields {
    void install(@Observes @Priority(0) StartupEvent event) {
        int decorated = CloudLoggingFields.install(Logger.getLogger(""));
        org.jboss.logging.Logger.getLogger(JsonLogFields.class).debugf("call ids and trace on %d JSON log handlers",
                decorated);
    }
}
