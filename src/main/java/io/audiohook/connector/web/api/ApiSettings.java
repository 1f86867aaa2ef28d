package io.audiohook.connector.web.api;

import java.util.Optional;

/**
 * The HTTP API's settings ({@code connector.api.*}, documented where they are mapped).
 *
 * @param projectId           what tokens must carry in {@code gcp_agent_assist_project}
 * @param conversationProject the project conversations live in: the profile's, else {@code projectId}
 */
public record ApiSettings(boolean enabled, Optional<String> projectId, Optional<String> conversationProject,
        Optional<String> jwtSecret, Optional<String> jwtSecretFile, boolean legacyEmptyKey) {
}
