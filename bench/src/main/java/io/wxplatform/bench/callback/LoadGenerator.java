package io.wxplatform.bench.callback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Drives pre-built callbacks at one base URL on loopback. Every phase is bounded twice: by the callbacks it was given
 * and by its duration.
 */
final class LoadGenerator implements AutoCloseable {

    /** A request that takes longer than WeChat's deadline has failed anyway. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final ConnectionProvider connections;
    private final HttpClient client;

    LoadGenerator(String baseUrl, int maxConnections) {
        this.connections = ConnectionProvider.builder("bench")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .build();
        this.client = HttpClient.create(connections)
                .baseUrl(baseUrl)
                .headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=utf-8"));
    }

    /** Closed loop: {@code concurrency} requests always in flight; measures the maximum throughput. */
    Mono<PhaseResult> closedLoop(String name, List<Callback> callbacks, int concurrency, Duration duration) {
        return Mono.defer(() -> {
            var recorder = new Recorder(name, callbacks.size());
            long deadline = recorder.start + duration.toNanos();
            return Flux.fromIterable(callbacks)
                    .takeWhile(c -> System.nanoTime() < deadline)
                    .flatMap(c -> {
                        long sentAt = System.nanoTime();
                        return send(c).doOnNext(ok -> recorder.record(c, ok, sentAt, sentAt));
                    }, concurrency)
                    .then(Mono.fromSupplier(recorder::result));
        });
    }

    /**
     * Open loop: one request every {@code 1/rate} seconds whatever the answers do, at most {@code maxInFlight} at once.
     * Latency runs from when a request was due, not when it left, so a stalled server cannot hide its queue.
     */
    Mono<PhaseResult> openLoop(String name, List<Callback> callbacks, double rate, Duration duration,
                               int maxInFlight) {
        int total = (int) Math.min(callbacks.size(), rate * duration.toNanos() / 1e9);
        long period = (long) (1e9 / rate);
        return Mono.defer(() -> {
            var recorder = new Recorder(name, total);
            int[] cursor = {0};
            return Flux.interval(Duration.ofMillis(1))
                    .onBackpressureDrop()
                    .concatMapIterable(tick -> {
                        List<Integer> due = new ArrayList<>();
                        long now = System.nanoTime();
                        while (cursor[0] < total && recorder.start + cursor[0] * period <= now) {
                            due.add(cursor[0]++);
                        }
                        return due;
                    })
                    .take(total)
                    .flatMap(i -> {
                        long sentAt = System.nanoTime();
                        return send(callbacks.get(i)).doOnNext(ok ->
                                recorder.record(callbacks.get(i), ok, recorder.start + i * period, sentAt));
                    }, maxInFlight)
                    .then(Mono.fromSupplier(recorder::result));
        });
    }

    private Mono<Boolean> send(Callback callback) {
        return client.post()
                .uri(callback.path())
                .send(ByteBufMono.fromString(Mono.just(callback.body())))
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> response.status().code() == 200))
                .timeout(REQUEST_TIMEOUT)
                .onErrorReturn(false);
    }

    @Override
    public void close() {
        connections.dispose();
    }

    private static final class Recorder {

        final String name;
        final long start = System.nanoTime();
        final long[] latencies;
        final long[] serviceTimes;
        final AtomicInteger recorded = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final Queue<String> okIds = new ConcurrentLinkedQueue<>();
        volatile long lastAnswer = start;

        Recorder(String name, int capacity) {
            this.name = name;
            this.latencies = new long[capacity];
            this.serviceTimes = new long[capacity];
        }

        /** {@code due}: when the request should have left; {@code sent}: when it did. */
        void record(Callback callback, boolean ok, long due, long sent) {
            long now = System.nanoTime();
            lastAnswer = now;
            if (ok) {
                okIds.add(callback.eventId());
                int slot = recorded.getAndIncrement();
                latencies[slot] = now - due;
                serviceTimes[slot] = now - sent;
            } else {
                failed.incrementAndGet();
            }
        }

        PhaseResult result() {
            int ok = recorded.get();
            return new PhaseResult(name, ok + failed.get(), ok, failed.get(), (lastAnswer - start) / 1e9,
                    new Latencies(latencies, ok), new Latencies(serviceTimes, ok), List.copyOf(okIds));
        }
    }
}
