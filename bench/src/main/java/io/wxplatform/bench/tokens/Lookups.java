package io.wxplatform.bench.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Token lookups against one base URL (token-service's internal API or the bare endpoint), random accounts. Every
 * answer's {@code expiresAt} is compared with the time it arrived: a token handed out already expired is counted.
 */
final class Lookups implements AutoCloseable {

    private static final Pattern EXPIRES_AT = Pattern.compile("\"expiresAt\":\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ConnectionProvider connections;
    private final HttpClient client;
    private final List<String> appIds;
    final AtomicLong expired = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    Lookups(String baseUrl, String internalToken, List<String> appIds, int maxConnections) {
        this.connections = ConnectionProvider.builder("lookups").maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1).build();
        this.client = HttpClient.create(connections).baseUrl(baseUrl)
                .headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + internalToken));
        this.appIds = appIds;
    }

    /** Result of a closed-loop phase: lookups per second and latency percentiles. */
    record Phase(String name, int ok, double seconds, long[] sortedNanos) {

        double perSecond() {
            return ok / seconds;
        }

        double percentileMillis(double percentile) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
            return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
        }

        String summary() {
            return String.format("%s: %d lookups in %.1f s = %.0f/s, p50 %.2f ms, p99 %.2f ms", name, ok, seconds,
                    perSecond(), percentileMillis(50), percentileMillis(99));
        }
    }

    /** {@code concurrency} lookups always in flight for {@code duration}. */
    Mono<Phase> closedLoop(String name, int concurrency, Duration duration) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            long[] latencies = new long[4_000_000];
            AtomicInteger ok = new AtomicInteger();
            return Flux.<Integer>generate(sink -> sink.next(0))
                    .takeWhile(any -> System.nanoTime() < deadline)
                    .flatMap(any -> {
                        long sent = System.nanoTime();
                        return lookup().doOnNext(answered -> {
                            int slot = ok.getAndIncrement();
                            if (slot < latencies.length) {
                                latencies[slot] = System.nanoTime() - sent;
                            }
                        });
                    }, concurrency, 1)
                    .then(Mono.fromSupplier(() -> {
                        long[] sorted = Arrays.copyOf(latencies, Math.min(ok.get(), latencies.length));
                        Arrays.sort(sorted);
                        return new Phase(name, ok.get(), (System.nanoTime() - start) / 1e9, sorted);
                    }));
        });
    }

    /** About {@code perSecond} lookups a second, whatever the answers do, until {@code duration} is over. */
    Mono<Long> paced(int perSecond, Duration duration) {
        Duration tick = Duration.ofMillis(100);
        int perTick = Math.max(1, perSecond / 10);
        return Flux.interval(tick).take(duration.toMillis() / tick.toMillis())
                .onBackpressureDrop()
                .concatMapIterable(any -> java.util.Collections.nCopies(perTick, 0))
                .flatMap(any -> lookup(), 256)
                .count();
    }

    /** One lookup: true once answered 200 (an expired token counted), empty on failure. */
    private Mono<Boolean> lookup() {
        String appId = appIds.get(ThreadLocalRandom.current().nextInt(appIds.size()));
        return client.get().uri("/internal/v1/accounts/" + appId + "/access-token")
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("").map(text -> {
                    if (response.status().code() != 200) {
                        failed.incrementAndGet();
                        return false;
                    }
                    Matcher expiresAt = EXPIRES_AT.matcher(text);
                    if (!expiresAt.find() || !Instant.parse(expiresAt.group(1)).isAfter(Instant.now())) {
                        expired.incrementAndGet();
                    }
                    return true;
                }))
                .timeout(TIMEOUT)
                .onErrorResume(e -> {
                    failed.incrementAndGet();
                    return Mono.empty();
                })
                .filter(answered -> answered);
    }

    @Override
    public void close() {
        connections.dispose();
    }
}
