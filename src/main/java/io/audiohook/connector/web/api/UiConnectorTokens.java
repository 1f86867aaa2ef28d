package io.audiohook.connector.web.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.crypto.spec.SecretKeySpec;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies the tokens Google's UI connector mints (auth.py): HS256, {@code exp} required and checked with
 * no leeway, {@code gcp_agent_assist_project} equal to our project. No other claim is required because the
 * UI connector sets no other (no {@code iat}, {@code sub}, {@code iss} or {@code aud}).
 */
public final class UiConnectorTokens {
    public static final String PROJECT_CLAIM = "gcp_agent_assist_project";
    public static final String USER_CLAIM = "gcp_agent_assist_user";

    /** HMAC-SHA256 block size: shorter keys are zero-padded to it by HMAC itself (RFC 2104). */
    static final int HMAC_BLOCK_BYTES = 64;

    private static final String BEARER = "bearer ";

    private final JWTParser parser;
    private final String projectId;

    private UiConnectorTokens(byte[] secret, String projectId) {
        this.projectId = Objects.requireNonNull(projectId, "projectId");
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setSecretVerificationKey(new SecretKeySpec(hmacKey(secret), "HmacSHA256"));
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        // The UI connector checks exp with no leeway; smallrye-jwt's default skew is 60 s.
        context.setClockSkew(0);
        context.setRequireNamedPrincipal(false);
        // smallrye-jwt requires iat unless the time-to-live check is off; the UI connector sends no iat.
        context.setMaxTimeToLiveSecs(0L);
        this.parser = new DefaultJWTParser(context);
    }

    /** Tokens signed with {@code secret} (any length, empty included). */
    public static UiConnectorTokens signedWith(byte[] secret, String projectId) {
        return new UiConnectorTokens(secret, projectId);
    }

    /**
     * The key for {@code secret}. {@link SecretKeySpec} refuses an empty key and jose4j refuses keys shorter
     * than 256 bits, but HMAC pads any key shorter than its block with zero bytes, so padding here gives
     * identical signatures: the empty key becomes 64 zero bytes, a 20-character secret its bytes and 44 zeros.
     */
    static byte[] hmacKey(byte[] secret) {
        return secret.length >= HMAC_BLOCK_BYTES ? secret.clone() : Arrays.copyOf(secret, HMAC_BLOCK_BYTES);
    }

    /**
     * @param authorization the {@code Authorization} header: {@code Bearer <jwt>} or, as the UI connector also
     *                      accepts, the bare token
     */
    public Verdict verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Verdict.rejected("no token");
        }
        String token = authorization.strip();
        if (token.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            token = token.substring(BEARER.length()).strip();
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            return Verdict.rejected(describe(e));
        }
        if (!projectId.equals(text(jwt.getClaim(PROJECT_CLAIM)))) {
            return Verdict.rejected("token for another project");
        }
        return Verdict.accepted(jwt);
    }

    /** Custom claims arrive as JSON values; a number or an object must not pass for the project's name. */
    static String text(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String string ? string : null;
    }

    /** jose4j's own message quotes every claim; its error details say why without them. */
    private static String describe(ParseException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof InvalidJwtException invalid && !invalid.getErrorDetails().isEmpty()) {
            return invalid.getErrorDetails().stream().map(ErrorCodeValidator.Error::getErrorMessage)
                    .collect(Collectors.joining("; "));
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Either a verified token or the reason it was refused; the reason is for the debug log only. */
    public record Verdict(Optional<JsonWebToken> token, String reason) {
        static Verdict accepted(JsonWebToken token) {
            return new Verdict(Optional.of(token), "accepted");
        }

        static Verdict rejected(String reason) {
            return new Verdict(Optional.empty(), reason);
        }

        public boolean ok() {
            return token.isPresent();
        }
    }
}
