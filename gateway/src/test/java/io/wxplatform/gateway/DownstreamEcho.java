package io.wxplatform.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for one service: it answers every request with what it received, as JSON, after its
 * delay or the one a request asks for in {@link #DELAY_HEADER}.
 */
final class DownstreamEcho implements AutoCloseable {

    /** Milliseconds this one request is answered late, so one echo can be both fast and slow for a route. */
    static final String DELAY_HEADER = "X-Echo-Delay-Ms";

    record Seen(String service, String method, String path, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        boolean hasHeaderStartingWith(String prefix) {
            return headers.keySet().stream().anyMatch(n -> n.toLowerCase().startsWith(prefix.toLowerCase()));
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String service;
    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final DisposableServer server;

    DownstreamEcho(String service) {
        this(service, Duration.ZERO);
    }

    /** An echo that answers only after {@code delay}: a service too slow for the edge's timeout. */
    DownstreamEcho(String service, Duration delay) {
        this.service = service;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> request.receive()
                        .aggregate()
                        .asString()
                        .defaultIfEmpty("")
                        .flatMap(body -> {
                            Map<String, List<String>> headers = new LinkedHashMap<>();
                            request.requestHeaders()
                                    .forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>())
                                            .add(h.getValue()));
                            Seen s = new Seen(service, request.method().name(), request.uri(), headers);
                            seen.add(s);
                            String asked = request.requestHeaders().get(DELAY_HEADER);
                            Duration late = asked == null ? delay : Duration.ofMillis(Long.parseLong(asked));
                            return Mono.delay(late)
                                    .then(response.header("Content-Type", "application/json")
                                            .sendString(Mono.just(JSON.writeValueAsString(s)))
                                            .then());
                        }))
                .bindNow();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    String service() {
        return service;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    void forget() {
        seen.clear();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
