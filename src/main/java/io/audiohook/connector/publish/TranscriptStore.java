package io.audiohook.connector.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Reads the durable transcript of a conversation: every final utterance and the suggestions compiled for it, oldest
 * first, and the summary, as written by the publisher to the Redis Stream {@code <key-prefix>transcript:<conversation name without location>}. Entries
 * expire {@code connector.publish.transcript.retention} after the last one was written.
 * Non-blocking: safe on an event loop.
 */
@Singleton
public class TranscriptStore {
    /** Entries from the end among which the summary is looked for. */
    static final int SUMMARY_LOOKBACK = 100;
    private final ReactiveRedisDataSource redis;
    private final PublishSettings config;

    TranscriptStore(ReactiveRedisDataSource redis, PublishSettings config) {
        this.redis = redis;
        this.config = config;
    }

    /**
     * @param conversationName {@code projects/<p>/locations/<l>/conversations/<id>} or the same without location
     * @return what is kept, oldest first; empty if the conversation has nothing (or it expired); fails if Redis does
     */
    public Uni<Transcript> read(String conversationName) {
        String key = streamKey(conversationName);
        return redis.execute("XRANGE", key, "-", "+", "COUNT",
                Integer.toString(Math.max(1, config.transcript().maxLength() * 2)))
                .map(reply -> Transcript.of(entries(reply)));
    }

    /**
     * The conversation's summary: the newest among the last entries of its stream (the summary is written when the
     * call ends, after which nothing more comes), so that serving it never reads the whole transcript.
     */
    public Uni<Optional<SummaryEntry>> readSummary(String conversationName) {
        return redis.execute("XREVRANGE", streamKey(conversationName), "+", "-", "COUNT",
                Integer.toString(SUMMARY_LOOKBACK))
                .map(reply -> entries(reply).stream().filter(SummaryEntry.class::isInstance)
                        .map(SummaryEntry.class::cast).findFirst());
    }

    /** The Redis key of a conversation's transcript stream. */
    public String streamKey(String conversationName) {
        return ConversationKeys.transcript(config.keyPrefix(), conversationName);
    }

    private static List<TranscriptRecord> entries(Response reply) {
        List<TranscriptRecord> entries = new ArrayList<>();
        if (reply == null) {
            return entries;
        }
        for (Response entry : reply) {
            String id = entry.get(0).toString();
            List<String> flat = new ArrayList<>();
            for (Response field : entry.get(1)) {
                flat.add(field.toString());
            }
            TranscriptRecord.fromFields(id, flat).ifPresent(entries::add);
        }
        return entries;
    }
}
