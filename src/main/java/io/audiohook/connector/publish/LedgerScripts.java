package io.audiohook.connector.publish;

/**
 * The Lua scripts of {@link RedisConversationLedger}, one per operation (run by their SHA-1, {@link LuaScript}). Each reads Redis' clock ({@code TIME}), so
 * every instance measures leases and graces on the same clock; {@code redis.replicate_commands()} lets a script
 * write after reading it on Redis 6 (Redis 7 always does).
 */
final class LedgerScripts {
    private LedgerScripts() {
    }

    private static final String NOW = """
            redis.replicate_commands()
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    /**
     * KEYS: due, held. ARGV: conversation, session, lease, grace, capacity. Returns 1 when a completion was waiting
     * for nobody (this session continues the conversation), 2 when the ledger is full, else 0.
     */
    static final LuaScript HOLD = new LuaScript(NOW + """
            local lease, grace = tonumber(ARGV[3]), tonumber(ARGV[4])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            local others = redis.call('ZCARD', KEYS[2])
            local waiting = redis.call('ZSCORE', KEYS[1], ARGV[1])
            local expiry = now + lease
            redis.call('ZADD', KEYS[2], expiry, ARGV[2])
            redis.call('PEXPIRE', KEYS[2], lease + grace)
            if not waiting and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[5]) then
              return 2
            end
            redis.call('ZADD', KEYS[1], expiry + grace, ARGV[1])
            if waiting and others == 0 then
              return 1
            end
            return 0
            """);

    /** KEYS: due, then one held key per hold. ARGV: lease, grace, then conversation and session per hold. */
    static final LuaScript RENEW = new LuaScript(NOW + """
            local lease, grace = tonumber(ARGV[1]), tonumber(ARGV[2])
            local expiry = now + lease
            for i = 2, #KEYS do
              redis.call('ZADD', KEYS[i], expiry, ARGV[2 * i])
              redis.call('PEXPIRE', KEYS[i], lease + grace)
              redis.call('ZADD', KEYS[1], 'GT', expiry + grace, ARGV[2 * i - 1])
            end
            return 0
            """);

    /**
     * KEYS: due, held, claimed. ARGV: conversation, session, how (GRACE, END, ABANDON), grace, claim, capacity.
     * Returns 1 when the caller completes the conversation now (END, held by nobody else, not claimed by another
     * instance already: now claimed for the caller), else 0.
     */
    static final LuaScript RELEASE = new LuaScript(NOW + """
            redis.call('ZREM', KEYS[2], ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            if ARGV[3] == 'ABANDON' then
              return 0
            end
            local grace, claim = tonumber(ARGV[4]), tonumber(ARGV[5])
            if redis.call('ZCARD', KEYS[2]) > 0 then
              redis.call('ZADD', KEYS[1], 'GT', now + grace, ARGV[1])
              return 0
            end
            if ARGV[3] == 'END' then
              if redis.call('EXISTS', KEYS[3]) == 1 then
                return 0
              end
              redis.call('ZADD', KEYS[1], now + claim, ARGV[1])
              redis.call('SET', KEYS[3], '1', 'PX', claim)
              return 1
            end
            if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[6]) then
              redis.call('ZADD', KEYS[1], now + grace, ARGV[1])
            end
            return 0
            """);

    /**
     * KEYS: due. ARGV: prefix of the held keys, prefix of the claimed keys, max, grace, claim. Returns the
     * conversations claimed: due and held by nobody; those still held are pushed to their last lease plus the grace.
     */
    static final LuaScript CLAIM = new LuaScript(NOW + """
            local grace, claim = tonumber(ARGV[4]), tonumber(ARGV[5])
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
            local claimed = {}
            for _, conversation in ipairs(due) do
              local held = ARGV[1] .. conversation
              redis.call('ZREMRANGEBYSCORE', held, '-inf', now)
              local last = redis.call('ZRANGE', held, -1, -1, 'WITHSCORES')
              if #last > 0 then
                redis.call('ZADD', KEYS[1], tonumber(last[2]) + grace, conversation)
              else
                redis.call('ZADD', KEYS[1], now + claim, conversation)
                redis.call('SET', ARGV[2] .. conversation, '1', 'PX', claim)
                table.insert(claimed, conversation)
              end
            end
            return claimed
            """);

    /** KEYS: due, held, claimed. ARGV: conversation. Forgets it unless a session holds it again. */
    static final LuaScript FORGET = new LuaScript(NOW + """
            redis.call('DEL', KEYS[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            if redis.call('ZCARD', KEYS[2]) == 0 then
              redis.call('ZREM', KEYS[1], ARGV[1])
              redis.call('DEL', KEYS[2])
            end
            return 0
            """);
}
