package io.audiohook.connector.app;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The HTTP API for desktops and supervisors. It accepts the UI connector's own tokens, so the settings
 * mirror how the UI connector signs them: HS256 over a secret, with the project id as the only claim
 * that ties a token to this deployment.
 */
@ConfigMapping(prefix = "connector.api")
public interface ApiConfig {

    /** Off: every API path answers 404. */
    @WithDefault("true")
    boolean enabled();

    /** Tokens must carry this in {@code gcp_agent_assist_project} ({@code GCP_PROJECT_ID}). */
    Optional<String> projectId();

    Jwt jwt();

    interface Jwt {
        /** The UI connector's signing secret as text; its UTF-8 bytes are the HMAC key. */
        Optional<String> secret();

        /**
         * A file holding the secret (the UI connector's {@code /secret/jwt_secret_key}); its bytes are the key
         * exactly as stored, no trimming, the way the UI connector reads it once its key-loading bug is fixed.
         */
        Optional<String> secretFile();

        /**
         * Accept tokens signed with the empty key, which is what the UI connector really signs with today.
         * Insecure: anyone who knows the project id can mint an accepted token.
         */
        @WithDefault("false")
        boolean legacyEmptyKey();
    }

    /**
     * @param conversationProject the project the conversations live in (the profile's), when there is a profile
     */
    default io.audiohook.connector.web.api.ApiSettings settings(Optional<String> conversationProject) {
        Optional<String> project = projectId().map(String::trim).filter(p -> !p.isEmpty());
        return new io.audiohook.connector.web.api.ApiSettings(enabled(), project,
                conversationProject.or(() -> project), jwt().secret(), jwt().secretFile(), jwt().legacyEmptyKey());
    }
}
