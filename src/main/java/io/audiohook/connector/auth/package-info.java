/**
 * Authentication of Genesys Cloud AudioHook upgrade requests: API key, HTTP message signature
 * (draft-ietf-httpbis-message-signatures-11, HMAC-SHA256, as Genesys implements it), nonce
 * replay protection and an organization allow-list.
 *
 * <p>Plain JDK code with no framework types, so it can be unit-tested in isolation and shared by
 * the server and the test/load clients. Typical server wiring:
 * <pre>{@code
 * ApiKeys keys = ApiKeys.parse(apiKey, clientSecret, apiKeysList);
 * Authenticator auth = new Authenticator(
 *         new SignatureVerifier(keys, Clock.systemUTC()), new InMemoryNonceStore(), allowedOrgs);
 * auth.authenticate(UpgradeRequest.of(rawPathAndQuery, headers))
 *     .whenComplete((result, error) -> ...); // error: nonce store unavailable -> 503
 * }</pre>
 * Failures should be answered with 401 after a fixed minimum delay, without echoing
 * {@link io.audiohook.connector.auth.AuthResult#detail()} to the client.
 */
package io.audiohook.connector.auth;
