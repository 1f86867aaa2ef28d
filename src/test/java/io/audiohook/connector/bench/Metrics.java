package io.audiohook.connector.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus text exposition, just enough for the benchmark: series to value, and histogram buckets. */
public final class Metrics {
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Metrics() {
    }

    /** Reads a {@code /q/metrics} endpoint and {@link #parse}s it; empty when there is none or it does not answer. */
    static Map<String, Double> scrape(URI uri) {
        if (uri == null) {
            return Map.of();
        }
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return parse(r.body());
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** The sum of the series {@code name} over all its labels; 0 when there is none. */
    static double sum(Map<String, Double> series, String name) {
        double sum = 0;
        for (var e : series.entrySet()) {
            if (e.getKey().equals(name) || e.getKey().startsWith(name + "{")) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /** Every sample line as {@code name{labels}} (exactly as printed) to its value. */
    public static Map<String, Double> parse(String text) {
        Map<String, Double> series = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            int brace = line.lastIndexOf('}');
            if (brace > 0 && space < brace) {
                continue;
            }
            String key = line.substring(0, space).trim();
            try {
                series.put(key, Double.parseDouble(line.substring(space + 1).trim()));
            } catch (NumberFormatException e) {
                // not a sample
            }
        }
        return series;
    }

    /** Cumulative counts by upper bound (seconds) of {@code name}, summed over any other labels. */
    static TreeMap<Double, Double> buckets(Map<String, Double> series, String name) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (var e : series.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(name + "{")) {
                continue;
            }
            Matcher m = LE.matcher(key);
            if (m.find()) {
                double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                buckets.merge(le, e.getValue(), Double::sum);
            }
        }
        return buckets;
    }

    static TreeMap<Double, Double> delta(TreeMap<Double, Double> start, TreeMap<Double, Double> end) {
        TreeMap<Double, Double> d = new TreeMap<>();
        end.forEach((le, n) -> d.put(le, Math.max(0, n - start.getOrDefault(le, 0.0))));
        return d;
    }

    /** Like Prometheus' histogram_quantile: linear inside the bucket; the highest finite bound if in +Inf. */
    static double quantile(TreeMap<Double, Double> cumulative, double q) {
        if (cumulative.isEmpty()) {
            return Double.NaN;
        }
        double total = cumulative.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (var e : cumulative.entrySet()) {
            if (e.getValue() >= rank) {
                if (e.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = e.getValue() - lowerCount;
                return inBucket <= 0 ? e.getKey() : lowerBound + (e.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = e.getKey();
            lowerCount = e.getValue();
        }
        return lowerBound;
    }
}
