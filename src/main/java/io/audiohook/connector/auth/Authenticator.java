package io.audiohook.connector.auth;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Full authentication of an upgrade request: API key and signature ({@link SignatureVerifier}),
 * organization allow-list, then nonce replay check ({@link NonceStore}).
 *
 * <p>The returned stage completes exceptionally only when the nonce store cannot answer (for
 * example {@link NonceStoreFullException}); callers should refuse the request then, typically
 * with 503 rather than 401 since the client did nothing wrong.
 */
public final class Authenticator {

    private static final String ORGANIZATION_HEADER = "audiohook-organization-id";

    private final SignatureVerifier verifier;
    private final NonceStore nonces;
    private final Set<String> allowedOrganizations;

    /**
     * @param allowedOrganizations organization ids to admit (case-insensitive); {@code null} or
     *                             empty admits every organization
     */
    public Authenticator(SignatureVerifier verifier, NonceStore nonces, Set<String> allowedOrganizations) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.allowedOrganizations = allowedOrganizations == null ? Set.of()
                : allowedOrganizations.stream()
                        .map(o -> o.strip().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet());
    }

    public CompletionStage<AuthResult> authenticate(UpgradeRequest request) {
        AuthResult verified = verifier.verify(request);
        if (!verified.ok()) {
            return CompletableFuture.completedFuture(verified);
        }
        // Checked before the nonce is claimed so that refused organizations use no store space.
        if (!allowedOrganizations.isEmpty()) {
            Optional<String> org = request.header(ORGANIZATION_HEADER).map(o -> o.toLowerCase(Locale.ROOT));
            if (org.isEmpty() || !allowedOrganizations.contains(org.get())) {
                return CompletableFuture.completedFuture(verified.with(AuthOutcome.ORG_NOT_ALLOWED,
                        org.isEmpty() ? "no Audiohook-Organization-Id header" : "organization " + org.get() + " not allowed"));
            }
        }
        if (verified.nonce() == null) {
            return CompletableFuture.completedFuture(verified);
        }
        return nonces.claim(verified.key().fingerprint(), verified.nonce(), verified.validUntil())
                .thenApply(fresh -> fresh ? verified
                        : verified.with(AuthOutcome.REPLAYED, verified.key().fingerprint() + ": nonce already used"));
    }
}
