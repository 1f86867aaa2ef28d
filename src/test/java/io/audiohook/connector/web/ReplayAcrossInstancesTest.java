package io.audiohook.connector.web;

import static io.audiohook.connector.testkit.TestCalls.attempt;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.audiohook.connector.auth.ApiKey;
import io.audiohook.connector.auth.NonceStore;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.ConnectResult;
import io.audiohook.connector.client.GenesysSigner;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.publish.RedisLane;
import io.audiohook.connector.publish.RedisNonceStore;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.audiohook.connector.testkit.TestCalls;
import io.audiohook.connector.testkit.ConnectorTest;

/**
 * The running connector and a second "instance" (its own Redis client and store on the same Redis) share
 * nonces: a signed upgrade seen by either is a replay for both.
 */
@QuarkusTest
class ReplayAcrossInstancesTest extends ConnectorTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String FINGERPRINT = ApiKey.of(TestCalls.KEY, TestCalls.SECRET).fingerprint();


    RedisLane peerLane;

    @Inject
    NonceStore appStore;

    @Inject
    @RedisClientName("peer")
    ReactiveRedisDataSource peerRedis;

    @Test
    void theApplicationUsesTheSharedStore() {
        assertTrue(appStore instanceof RedisNonceStore, appStore.getClass().getName());
    }

    @Test
    void anUpgradeSeenHereIsAReplayForTheOtherInstance() throws Exception {
        String nonce = new GenesysSigner().newNonce();
        SessionConfig signed = fixedSignature(nonce);
        ConnectResult first = attempt(signed);
        assertEquals(101, first.httpStatus(), "first use: " + first.failure());
        AudioHookClient client = first.require();
        await(client.open());
        await(client.close("end"));
        client.awaitClose(WAIT);

        assertFalse(peer().claim(FINGERPRINT, nonce, Instant.now().plusSeconds(30))
                .toCompletableFuture().get(5, TimeUnit.SECONDS), "the other instance sees the nonce as used");
    }

    @Test
    void anUpgradeSeenByTheOtherInstanceIsRefusedHere() throws Exception {
        String nonce = new GenesysSigner().newNonce();
        assertTrue(peer().claim(FINGERPRINT, nonce, Instant.now().plusSeconds(30))
                .toCompletableFuture().get(5, TimeUnit.SECONDS), "the other instance took the upgrade first");

        ConnectResult replayed = attempt(fixedSignature(nonce));
        assertEquals(401, replayed.httpStatus(), "replayed against this instance");
        assertFalse(replayed.connected());
    }

    private SessionConfig fixedSignature(String nonce) {
        long created = Instant.now().getEpochSecond();
        return call(endpoint).signatureTweak(in -> in.nonce(nonce).created(created));
    }

    private RedisNonceStore peer() {
        peerLane = RedisLane.over(peerRedis, "peer", Duration.ofSeconds(5));
        return new RedisNonceStore(peerLane, "audiohook", Duration.ofSeconds(2));
    }

    /** A lane holds one of its client's pooled connections until closed. */
    @AfterEach
    void closePeerLane() {
        if (peerLane != null) {
            peerLane.close();
        }
    }
}
