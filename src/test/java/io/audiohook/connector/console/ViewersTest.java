package io.audiohook.connector.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ViewersTest {
    private final Viewers viewers = new Viewers(2, 3);

    @Test
    void aViewerBehindLosesTheNewestMessagesCountsThemAndIsToldToCatchUpOnce() {
        Viewer viewer = viewers.join(Optional.empty()).orElseThrow();
        for (int i = 1; i <= 5; i++) {
            viewers.broadcast("m" + i);
        }

        assertEquals(3, viewer.waiting());
        assertEquals(2, viewer.dropped());
        assertTrue(viewer.takeLag());
        assertFalse(viewer.takeLag());
        assertEquals(List.of("m1", "m2"), viewer.drain(2));
        assertEquals(List.of("m3"), viewer.drain(10));
        assertEquals(0, viewer.waiting());
        assertTrue(viewer.offer("m6"));
    }

    @Test
    void atMostMaxViewersWatchAndTheirDropsOutliveThem() {
        Viewer first = viewers.join(Optional.empty()).orElseThrow();
        Viewer second = viewers.join(Optional.of("s1")).orElseThrow();
        assertTrue(viewers.join(Optional.empty()).isEmpty());
        for (int i = 0; i < 4; i++) {
            first.offer("m" + i);
        }
        assertEquals(1, viewers.dropped());

        viewers.leave(first);

        assertEquals(1, viewers.count());
        assertEquals(1, viewers.dropped());
        assertTrue(viewers.join(Optional.empty()).isPresent());
        assertTrue(viewers.all().contains(second));
    }

    @Test
    void aSessionsMessagesGoToItsViewersOnly() {
        Viewer all = viewers.join(Optional.empty()).orElseThrow();
        Viewer one = viewers.join(Optional.of("s1")).orElseThrow();

        assertTrue(viewers.watching("s1"));
        assertFalse(viewers.watching("s2"));
        viewers.send("s1", "entry");
        viewers.send("s2", "other");

        assertEquals(List.of("entry"), one.drain(10));
        assertTrue(all.drain(10).isEmpty());
    }
}
