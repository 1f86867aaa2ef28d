package io.audiohook.connector.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.audiohook.connector.assist.ConversationLedger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The conversation ledger shared by every instance through the deployment's Redis. Two structures under the
 * connector's key prefix:
 * <ul>
 * <li>{@code <prefix>ledger:due}: a sorted set of conversations, scored by when they are due (Redis' own clock, in
 * ms): the last lease plus the grace, or the end of a claim;</li>
 * <li>{@code <prefix>ledger:held:<conversation>}: a sorted set of the sessions holding it, scored by the expiry of
 * their lease; the key itself expires a while after the last lease, so an abandoned one cleans itself up;</li>
 * <li>{@code <prefix>ledger:claimed:<conversation>}: present (with the claim's expiry) while an instance completes
 * it, so that a session's end decided late (after an outage) does not complete it a second time.</li>
 * </ul>
 * Each operation is one Lua script ({@link LedgerScripts}), atomic in Redis and timed by Redis' clock, so instances
 * with drifting clocks agree and two claimers can never both win. Needs Redis 6.2 or later ({@code ZADD GT}). The
 * scripts build keys from the prefix, which a Redis Cluster would refuse across slots; Memorystore for Redis
 * (standalone) is what the deployment uses.
 */
public final class RedisConversationLedger implements ConversationLedger {
    private final RedisLane redis;
    private final String prefix;
    private final String due;
    private final Terms terms;
    private final Duration timeout;

    /** @param timeout how long an operation may wait for Redis before it counts as failed (and is retried) */
    public RedisConversationLedger(RedisLane redis, String keyPrefix, Terms terms, Duration timeout) {
        this.redis = redis;
        this.prefix = keyPrefix + "ledger:";
        this.due = prefix + "due";
        this.terms = terms;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<Held> hold(Hold hold) {
        return run(eval(LedgerScripts.HOLD, List.of(due, held(hold.conversation())), hold.conversation(),
                hold.session(), millis(terms.lease()), millis(terms.grace()), Integer.toString(terms.capacity()))
                .map(r -> switch (r.toInteger()) {
                    case 1 -> Held.CONTINUED;
                    case 2 -> Held.UNTRACKED;
                    default -> Held.FRESH;
                }));
    }

    @Override
    public CompletionStage<Void> renew(Collection<Hold> holds) {
        List<String> keys = new ArrayList<>(holds.size() + 1);
        List<String> args = new ArrayList<>(2 * holds.size() + 2);
        keys.add(due);
        args.add(millis(terms.lease()));
        args.add(millis(terms.grace()));
        for (Hold hold : holds) {
            keys.add(held(hold.conversation()));
            args.add(hold.conversation());
            args.add(hold.session());
        }
        return run(eval(LedgerScripts.RENEW, keys, args.toArray(String[]::new)).replaceWithVoid());
    }

    @Override
    public CompletionStage<Boolean> release(Hold hold, Release how) {
        return run(eval(LedgerScripts.RELEASE, List.of(due, held(hold.conversation()), claimed(hold.conversation())),
                hold.conversation(),
                hold.session(), how.name(), millis(terms.grace()), millis(terms.claim()),
                Integer.toString(terms.capacity()))
                .map(r -> r.toInteger() == 1));
    }

    @Override
    public CompletionStage<List<String>> claimDue(int max) {
        return run(eval(LedgerScripts.CLAIM, List.of(due), prefix + "held:", prefix + "claimed:",
                Integer.toString(max),
                millis(terms.grace()), millis(terms.claim()))
                .map(r -> {
                    List<String> names = new ArrayList<>(r.size());
                    r.forEach(name -> names.add(name.toString()));
                    return names;
                }));
    }

    @Override
    public CompletionStage<Void> forget(String conversation) {
        return run(eval(LedgerScripts.FORGET, List.of(due, held(conversation), claimed(conversation)), conversation)
                .replaceWithVoid());
    }

    private String held(String conversation) {
        return prefix + "held:" + conversation;
    }

    private String claimed(String conversation) {
        return prefix + "claimed:" + conversation;
    }

    private Uni<Response> eval(LuaScript script, List<String> keys, String... args) {
        String[] keysThenArgs = new String[keys.size() + args.length];
        keys.toArray(keysThenArgs);
        System.arraycopy(args, 0, keysThenArgs, keys.size(), args.length);
        return script.run(redis, keys.size(), keysThenArgs);
    }

    private <T> CompletionStage<T> run(Uni<T> operation) {
        return operation.ifNoItem().after(timeout)
                .failWith(() -> new RedisNonceStore.RedisUnavailableException("no answer within " + timeout))
                .subscribeAsCompletionStage();
    }

    private static String millis(Duration d) {
        return Long.toString(d.toMillis());
    }
}
