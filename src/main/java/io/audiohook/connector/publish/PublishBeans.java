package io.audiohook.connector.publish;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.audiohook.connector.assist.AssistEvent;
import io.audiohook.connector.assist.AssistEventSink;
import io.audiohook.connector.assist.RecentAssistEvents;

/**
 * Chooses where Agent Assist events go. This producer wins over the in-memory default sink of the web layer;
 * the in-memory sink still gets every event when publishing is off, or when asked to keep them (tests, dev).
 */
@Singleton
public class PublishBeans {
    private static final Logger LOG = Logger.getLogger(PublishBeans.class);

    @Produces
    @Singleton
    AssistEventSink assistEventSink(PublishConfig config, Instance<RedisPublisher> publisher,
            Instance<RecentAssistEvents> recent) {
        List<AssistEventSink> sinks = new ArrayList<>(2);
        if (config.enabled()) {
            RedisPublisher redis = publisher.get();
            sinks.add(redis::publish);
            LOG.info("Agent Assist events are published to Redis for the UI connector");
        } else {
            LOG.info("publishing to Redis is off (connector.publish.enabled=false): events are only kept in memory");
        }
        if (!config.enabled() || config.keepRecentInMemory()) {
            sinks.add(recent.get());
        }
        return sinks.size() == 1 ? sinks.get(0) : new Tee(List.copyOf(sinks));
    }

    /** Every event to every sink; one failing sink does not starve the others. */
    record Tee(List<AssistEventSink> sinks) implements AssistEventSink {
        @Override
        public void accept(AssistEvent event) {
            for (AssistEventSink sink : sinks) {
                try {
                    sink.accept(event);
                } catch (RuntimeException e) {
                    LOG.warnf("event sink failed: %s", e.toString());
                }
            }
        }
    }
}
