package io.audiohook.connector.console;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.audiohook.connector.call.CallConfig;
import io.audiohook.connector.call.CallInfo;
import io.audiohook.connector.call.CallMode;
import io.audiohook.connector.protocol.Channel;
import io.audiohook.connector.protocol.MediaFormat;
import io.audiohook.connector.protocol.MediaOffer;

/** A console with a hand-driven clock and small bounds, and calls to put on it. */
final class ConsoleFixtures {
    final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    final ConsoleSettings settings;
    final ConsoleBoard board;

    /** Time lines of 4 entries. */
    ConsoleFixtures() {
        this(4);
    }

    ConsoleFixtures(int timeline) {
        settings = new ConsoleSettings(true, false, true, "test-instance", 2, Duration.ofMinutes(10), timeline, 3, 2,
                Duration.ofSeconds(1));
        board = new ConsoleBoard(settings, new Viewers(settings.maxViewers(), settings.viewerQueue()), clock::get);
    }

    static CallInfo call(String session, String conversation) {
        MediaOffer media = new MediaOffer(MediaFormat.PCMU, List.of(Channel.EXTERNAL, Channel.INTERNAL), 8000,
                JsonNodeFactory.instance.objectNode());
        return new CallInfo(session, "correlation-" + session, "org", conversation, media, Optional.empty(),
                CallConfig.DEFAULTS, CallMode.MONITOR, false, Optional.empty());
    }
}
