package io.wxplatform.bench.sync;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * user-service's heap from its Prometheus scrape once a second: the peak of heap used (every pool), and the old
 * generation's live data after the last major collection ({@code jvm_gc_live_data_size_bytes}).
 */
final class HeapSampler {

    private final HttpClient http;
    private final URI scrape;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private volatile double current;
    private volatile double peak;
    private volatile double live;

    HeapSampler(HttpClient http, String baseUrl) {
        this.http = http;
        this.scrape = URI.create(baseUrl + "/actuator/prometheus");
    }

    void start() {
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    void stop() {
        timer.shutdownNow();
        sample();
    }

    double currentMb() {
        return current / 1e6;
    }

    double peakMb() {
        return peak / 1e6;
    }

    double liveMb() {
        return live / 1e6;
    }

    private void sample() {
        try {
            String body = http.send(
                            HttpRequest.newBuilder(scrape)
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            current = sum(body, "jvm_memory_used_bytes{area=\"heap\"");
            peak = Math.max(peak, current);
            live = sum(body, "jvm_gc_live_data_size_bytes");
        } catch (Exception e) {
            // A missed sample: the next one counts.
        }
    }

    private static double sum(String prometheus, String prefix) {
        double total = 0;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(prefix)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
