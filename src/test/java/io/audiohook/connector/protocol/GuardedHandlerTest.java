package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

/** A failing callback is counted and contained; a working one runs as asked. */
class GuardedHandlerTest {
    final SessionStatistics statistics = new SessionStatistics();
    final List<String> calls = new ArrayList<>();
    final CompletableFuture<Void> flush = new CompletableFuture<>();

    final SessionHandler fragile = new SessionHandler() {
        @Override
        public void paused() {
            throw new IllegalStateException("backend down");
        }

        @Override
        public void languageChanged(String language) {
            calls.add("language " + language);
        }

        @Override
        public CompletionStage<Void> closing(String reason) {
            if ("error".equals(reason)) {
                throw new IllegalStateException("backend down");
            }
            return flush;
        }
    };
    final GuardedHandler guarded = new GuardedHandler(ProtocolSessionTest.SID, fragile, statistics);

    @Test
    void aCallbackThatThrowsIsCountedAndGoesNoFurther() {
        guarded.call("paused", SessionHandler::paused);
        guarded.call("languageChanged", h -> h.languageChanged("fr-FR"));
        assertEquals(List.of("language fr-FR"), calls);
        assertEquals(1, statistics.snapshot().handlerFailures());
    }

    @Test
    void closingGivesTheHandlersFlushOrNothingWhenItThrew() {
        assertSame(flush, guarded.closing("end").orElseThrow());
        assertTrue(guarded.closing("error").isEmpty());
        assertEquals(1, statistics.snapshot().handlerFailures());
    }
}
