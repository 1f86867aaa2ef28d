package io.audiohook.connector.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The soak benchmark's figures: slopes, the class histogram and its growth, call lengths, what /proc says. */
class SoakFiguresTest {

    @Test
    void slopeOfALineIsItsGradientAndUndefinedWithoutSpread() {
        assertEquals(2.5, SoakReport.slope(new double[] {0, 1, 2, 3}, new double[] {1, 3.5, 6, 8.5}), 1e-9);
        assertEquals(0.0, SoakReport.slope(new double[] {0, 1, 2}, new double[] {7, 7, 7}), 1e-9);
        assertTrue(Double.isNaN(SoakReport.slope(new double[] {1}, new double[] {1})));
        assertTrue(Double.isNaN(SoakReport.slope(new double[] {2, 2}, new double[] {1, 5})));
    }

    @Test
    void slopesPerMinuteUseOnlyTheSamplesFromTheGivenMinute() {
        ArrayNode samples = LoadClient.JSON.createArrayNode();
        // heap 100 MB during the warm-up, then growing by 3 MB per minute; threads by 1 per minute
        for (int t = 0; t <= 600; t += 30) {
            double heapMb = t < 120 ? 100 : 50 + 3.0 * t / 60;
            samples.addObject().put("t_seconds", t).put("heap_after_gc_kb", heapMb * 1024).put("rss_kb", 2048)
                    .put("threads", 40 + t / 60).put("fds", 80);
        }
        JsonNode slopes = SoakReport.slopes(samples, 2);
        assertEquals(17, slopes.get("samples_used").asInt());
        assertEquals(3.0, slopes.get("heap_mb_per_minute").asDouble(), 1e-3);
        assertEquals(0.0, slopes.get("fds_per_minute").asDouble(), 1e-3);
        assertEquals(0.0, slopes.get("rss_mb_per_minute").asDouble(), 1e-3);
        assertEquals(1.0, slopes.get("threads_per_minute").asDouble(), 0.1);
    }

    @Test
    void histogramLinesAreReadAndGrowthIsSortedByBytes() {
        String text = """
                12345:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:          1000         500000  [B (java.base@17.0.15)
                   2:            10            480  io.audiohook.connector.assist.ParticipantStream
                   3:             5            200  java.lang.String (java.base@17.0.15)
                Total          1015         500680
                """;
        Map<String, long[]> before = Jcmd.parseHistogram(text);
        assertEquals(3, before.size());
        assertArrayEquals(new long[] {1000, 500000}, before.get("[B"));
        Map<String, long[]> after = Map.of("[B", new long[] {1001, 500100},
                "io.audiohook.connector.assist.ParticipantStream", new long[] {20, 960},
                "java.lang.String", new long[] {5, 200}, "java.util.HashMap", new long[] {1, 48});
        ArrayNode growth = SoakReport.growth(before, after, 2);
        assertEquals(2, growth.size());
        assertEquals("io.audiohook.connector.assist.ParticipantStream", growth.get(0).get("class").asText());
        assertEquals(10, growth.get(0).get("instances").asLong());
        assertEquals(480, growth.get(0).get("bytes").asLong());
        assertEquals("[B", growth.get(1).get("class").asText());
        assertTrue(SoakReport.growth(null, after, 5).isEmpty());
    }

    @Test
    void callsLastTheirLengthWithinTwentyPercent() {
        CallChurn churn = new CallChurn(60);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long n = churn.nextCallNanos();
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        assertTrue(min >= TimeUnit.SECONDS.toNanos(48) && min < TimeUnit.SECONDS.toNanos(50), "shortest " + min);
        assertTrue(max <= TimeUnit.SECONDS.toNanos(72) && max > TimeUnit.SECONDS.toNanos(70), "longest " + max);
    }

    @Test
    void procReportsThreadsAndDescriptorsOfAProcess() {
        long self = ProcessHandle.current().pid();
        assertTrue(ProcStats.threads(self) >= 2, "a JVM has several threads");
        assertTrue(ProcStats.openFds(self) >= 3, "stdin, stdout, stderr at least");
        assertEquals(-1, ProcStats.threads(-1));
        assertEquals(-1, ProcStats.openFds(-1));
    }
}
