package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SingleTimerTest {
    final ManualTimers timers = new ManualTimers();
    final SingleTimer timer = new SingleTimer(timers);
    final List<String> ran = new ArrayList<>();

    @Test
    void schedulingAgainReplacesThePendingTask() {
        timer.schedule(() -> ran.add("first"), 100);
        timer.schedule(() -> ran.add("second"), 200);
        assertEquals(1, timers.pending());
        timers.advance(1_000);
        assertEquals(List.of("second"), ran);
    }

    @Test
    void cancelStopsThePendingTaskAndIsHarmlessWithoutOne() {
        timer.cancel();
        timer.schedule(() -> ran.add("cancelled"), 100);
        timer.cancel();
        timers.advance(1_000);
        assertEquals(List.of(), ran);
    }

    @Test
    void ranForgetsTheTaskWithoutCancellingIt() {
        timer.schedule(() -> ran.add("running"), 100);
        timer.ran(); // as the task does when it starts
        timer.cancel();
        timers.advance(100);
        assertEquals(List.of("running"), ran, "the slot no longer held it, so cancel could not stop it");
    }
}
