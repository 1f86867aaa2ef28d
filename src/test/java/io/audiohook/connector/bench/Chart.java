package io.audiohook.connector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** A two-panel SVG line chart of the capacity steps: cost, then latency, against the session count. */
final class Chart {
    private static final int W = 440;
    private static final int H = 300;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};

    private Chart() {
    }

    record Series(String label, Function<JsonNode, Double> value) {
    }

    static String svg(JsonNode result) {
        List<JsonNode> steps = new ArrayList<>();
        result.get("steps").forEach(steps::add);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", 2 * W + 20, H + 20));
        panel(s, steps, 0, "CPU ms per call-second", List.of(
                new Series("connector", n -> n.get("cpu_ms_per_call_second").path("connector").asDouble()),
                new Series("emulator", n -> n.get("cpu_ms_per_call_second").path("emulator").asDouble()),
                new Series("load client", n -> n.get("cpu_ms_per_call_second").path("load_client").asDouble())));
        panel(s, steps, W + 20, "p99 latency, ms", List.of(
                new Series("audio→request", n -> n.get("audio_to_request_ms").path("p99").asDouble()),
                new Series("response→PUBLISH", n -> n.get("response_to_publish_ms").path("p99").asDouble()),
                new Series("open→opened", n -> n.get("open_to_opened_ms").path("p99").asDouble())));
        return s.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder s, List<JsonNode> steps, int x0, String title, List<Series> series) {
        int left = x0 + 50;
        int right = x0 + W - 10;
        int top = 30;
        int bottom = H - 30;
        double maxX = steps.stream().mapToDouble(n -> n.get("sessions").asDouble()).max().orElse(1);
        double maxY = 0;
        for (Series se : series) {
            for (JsonNode n : steps) {
                double v = se.value().apply(n);
                if (Double.isFinite(v)) {
                    maxY = Math.max(maxY, v);
                }
            }
        }
        maxY = maxY <= 0 ? 1 : niceCeil(maxY);
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>%n", left, title));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, bottom, right, bottom));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", left, top, left, bottom));
        for (int i = 0; i <= 4; i++) {
            double v = maxY * i / 4;
            double y = bottom - (bottom - top) * i / 4.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left, y, right, y, left - 4, y + 4, fmt(v)));
        }
        for (JsonNode n : steps) {
            double x = left + (right - left) * n.get("sessions").asDouble() / maxX;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x, bottom + 14,
                    n.get("sessions").asInt()));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">concurrent stereo sessions</text>%n",
                (left + right) / 2, bottom + 27));
        for (int i = 0; i < series.size(); i++) {
            Series se = series.get(i);
            StringBuilder points = new StringBuilder();
            for (JsonNode n : steps) {
                double v = se.value().apply(n);
                if (!Double.isFinite(v)) {
                    continue;
                }
                double x = left + (right - left) * n.get("sessions").asDouble() / maxX;
                double y = bottom - (bottom - top) * v / maxY;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>%n", x, y, COLORS[i]));
            }
            s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
                    COLORS[i], points.toString().trim()));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", left + 8, top + 12 + 13 * i,
                    COLORS[i], se.label()));
        }
    }

    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String fmt(double v) {
        return v >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
