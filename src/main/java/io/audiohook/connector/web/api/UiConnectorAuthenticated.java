package io.audiohook.connector.web.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Resources of the API: reachable only with a valid UI-connector token ({@link ApiAuthFilter}). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UiConnectorAuthenticated {
}
