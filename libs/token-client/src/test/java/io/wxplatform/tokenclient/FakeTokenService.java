package io.wxplatform.tokenclient;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real HTTP server playing token-service's internal token API: hands out {@code token-v<version>}, bumps the
 * version when the current one is reported invalid, and answers 401 without the right bearer token.
 */
final class FakeTokenService implements AutoCloseable {

    static final String AUTH = "internal-secret";

    private final DisposableServer server;
    private final AtomicLong version = new AtomicLong(1);
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<String> invalidReports = new CopyOnWriteArrayList<>();
    private final List<String> refusalReports = new CopyOnWriteArrayList<>();
    private volatile Instant expiresAt;
    private volatile Duration delay = Duration.ZERO;
    private volatile int failuresToServe;
    private volatile String failureBody;
    private volatile int failureStatus;

    FakeTokenService(Instant expiresAt) {
        this.expiresAt = expiresAt;
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get("/internal/v1/accounts/{appId}/access-token", this::token)
                        .post("/internal/v1/accounts/{appId}/access-token/invalid", this::invalid)
                        .post("/internal/v1/accounts/{appId}/permission-refusals", this::refusal))
                .bindNow();
    }

    private Mono<Void> token(HttpServerRequest request, HttpServerResponse response) {
        if (!authorized(request)) {
            return response.status(HttpResponseStatus.UNAUTHORIZED).send();
        }
        tokenRequests.incrementAndGet();
        if (failuresToServe > 0) {
            failuresToServe--;
            return response.status(failureStatus)
                    .header("Content-Type", "application/problem+json")
                    .sendString(Mono.just(failureBody))
                    .then();
        }
        String appId = request.param("appId");
        long v = version.get();
        String body = "{\"appId\":\"" + appId + "\",\"accessToken\":\"token-v" + v + "\",\"expiresAt\":\"" + expiresAt
                + "\",\"version\":" + v + "}";
        return Mono.delay(delay)
                .then(response.header("Content-Type", "application/json")
                        .sendString(Mono.just(body))
                        .then());
    }

    private Mono<Void> invalid(HttpServerRequest request, HttpServerResponse response) {
        if (!authorized(request)) {
            return response.status(HttpResponseStatus.UNAUTHORIZED).send();
        }
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).flatMap(body -> {
            invalidReports.add(body);
            long reported = Long.parseLong(body.replaceAll("\\D", ""));
            version.compareAndSet(reported, reported + 1);
            return response.status(HttpResponseStatus.ACCEPTED).send().then();
        });
    }

    private Mono<Void> refusal(HttpServerRequest request, HttpServerResponse response) {
        if (!authorized(request)) {
            return response.status(HttpResponseStatus.UNAUTHORIZED).send();
        }
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).flatMap(body -> {
            refusalReports.add(request.param("appId") + " " + body);
            return response.status(HttpResponseStatus.NO_CONTENT).send().then();
        });
    }

    private static boolean authorized(HttpServerRequest request) {
        return ("Bearer " + AUTH).equals(request.requestHeaders().get("Authorization"));
    }

    FakeTokenService delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    FakeTokenService failNext(int times, int status, String body) {
        this.failureStatus = status;
        this.failureBody = body;
        this.failuresToServe = times;
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    List<String> invalidReports() {
        return invalidReports;
    }

    /** "appId body" of each permission refusal reported. */
    List<String> refusalReports() {
        return refusalReports;
    }

    /** token-service's scheduler replaced the token: the next answer carries the next version. */
    long rotate() {
        return version.incrementAndGet();
    }

    long version() {
        return version.get();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
