package io.audiohook.connector.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * How the instances sharing one Redis tell each other's consoles which calls they hold: each writes its live calls
 * under its own key with an expiry ({@code <prefix>console:instance:<id>}) and names itself in a set
 * ({@code <prefix>console:instances}), so an instance that dies disappears from every console within the expiry;
 * a console reads the others' keys (at most {@value #MAX_INSTANCES}) and forgets the names whose key expired.
 * Non-blocking, safe on an event loop.
 */
@Singleton
public class ConsoleAnnouncements {
    static final int MAX_INSTANCES = 50;

    private final ReactiveRedisDataSource redis;
    private final String instances;
    private final String prefix;

    ConsoleAnnouncements(ReactiveRedisDataSource redis, PublishSettings config) {
        this.redis = redis;
        this.instances = config.keyPrefix() + "console:instances";
        this.prefix = config.keyPrefix() + "console:instance:";
    }

    /** @param calls what this instance holds, as the consoles read it (JSON text) */
    public Uni<Void> announce(String instanceId, String calls, Duration expiry) {
        return redis.execute("SET", prefix + instanceId, calls, "PX", Long.toString(expiry.toMillis()))
                .flatMap(ok -> redis.execute("SADD", instances, instanceId)).replaceWithVoid();
    }

    /** What the other instances announced (JSON texts), this one's left out. */
    public Uni<List<String>> others(String instanceId) {
        return redis.execute("SMEMBERS", instances).flatMap(members -> {
            List<String> ids = new ArrayList<>();
            for (Response member : members) {
                String id = member.toString();
                if (!id.equals(instanceId) && ids.size() < MAX_INSTANCES) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                return Uni.createFrom().item(List.<String>of());
            }
            return redis.execute("MGET", ids.stream().map(id -> prefix + id).toArray(String[]::new))
                    .flatMap(values -> read(ids, values));
        });
    }

    /** The announcements that are still there; the names of instances gone quiet are forgotten. */
    private Uni<List<String>> read(List<String> ids, Response values) {
        List<String> announced = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Response value = values.get(i);
            if (value == null) {
                gone.add(ids.get(i));
            } else {
                announced.add(value.toString());
            }
        }
        if (gone.isEmpty()) {
            return Uni.createFrom().item(announced);
        }
        List<String> args = new ArrayList<>(gone.size() + 1);
        args.add(instances);
        args.addAll(gone);
        return redis.execute("SREM", args.toArray(String[]::new)).map(removed -> announced);
    }
}
