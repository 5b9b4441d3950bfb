package io.wxplatform.bench.tokens;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's accounts: created in the sandbox (WeChat) in one bulk call, registered in token-service through
 * its real admin API (bounded concurrency: each registration is sealed, stored and announced exactly as a tenant's
 * would be), then given their first token.
 */
final class Fleet {

    static final String PREFIX = "wxbe";
    /** Every bench account's AppSecret (throw-away, in the sandbox only). */
    static final String SECRET = "bench-app-secret-0123456789abcdef";

    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final List<String> appIds;
    private final ConnectionProvider connections = ConnectionProvider.builder("fleet")
            .maxConnections(64)
            .pendingAcquireMaxCount(-1)
            .build();

    Fleet(int accounts) {
        this.appIds = IntStream.range(0, accounts).mapToObj(Fleet::appId).toList();
    }

    /** The sandbox's bulk naming: the prefix, then the index in lower-case hex, zero-padded to 18 characters. */
    static String appId(int index) {
        return PREFIX + String.format("%0" + (18 - PREFIX.length()) + "x", index);
    }

    Mono<Void> createInSandbox(String sandboxUrl, int concurrency) {
        HttpClient sandbox = json(sandboxUrl, null);
        return post(
                        sandbox,
                        "/sandbox/accounts/bulk",
                        Map.of("appIdPrefix", PREFIX, "count", appIds.size(), "appSecret", SECRET, "type", "SERVICE"))
                // A sandbox without the bulk endpoint: one account at a time.
                .onErrorResume(e -> Flux.fromIterable(appIds)
                        .flatMap(
                                appId -> post(
                                        sandbox,
                                        "/sandbox/accounts",
                                        Map.of("appId", appId, "secret", SECRET, "type", "SERVICE")),
                                concurrency)
                        .then());
    }

    Mono<Void> register(String tokenServiceUrl, String bearer, int concurrency) {
        HttpClient tokenService = json(tokenServiceUrl, bearer);
        String tenantId = "bench-" + Long.toHexString(System.currentTimeMillis());
        return post(tokenService, "/api/v1/tenants", Map.of("id", tenantId, "name", "Benchmark tenant"))
                .thenMany(Flux.fromIterable(appIds)
                        .flatMap(
                                appId -> post(
                                        tokenService,
                                        "/api/v1/tenants/" + tenantId + "/accounts",
                                        Map.of(
                                                "appId",
                                                appId,
                                                "name",
                                                "Bench " + appId,
                                                "type",
                                                "SERVICE",
                                                "verified",
                                                true,
                                                "appSecret",
                                                SECRET,
                                                "callbackToken",
                                                "benchtoken",
                                                "encodingAesKey",
                                                AES_KEY)),
                                concurrency))
                .then();
    }

    /**
     * Each account's first token (token-service fetches it from WeChat on first use), paced evenly over
     * {@code spread}, so the fleet's refreshes are spread over time as they are after a long steady run.
     */
    Mono<Void> firstTokens(String tokenServiceUrl, String internalToken, Duration spread) {
        HttpClient tokenService = json(tokenServiceUrl, internalToken);
        Duration tick = Duration.ofMillis(100);
        int perTick = (int) Math.max(1, Math.ceil(appIds.size() * (double) tick.toMillis() / spread.toMillis()));
        return Flux.fromIterable(appIds)
                .buffer(perTick)
                .delayElements(tick)
                .concatMapIterable(batch -> batch)
                .flatMap(
                        appId -> tokenService
                                .get()
                                .uri("/internal/v1/accounts/" + appId + "/access-token")
                                .responseSingle((response, body) -> body.asString()
                                        .defaultIfEmpty("")
                                        .flatMap(text -> response.status().code() == 200
                                                ? Mono.<Void>empty()
                                                : Mono.error(new IllegalStateException("first token of " + appId + ": "
                                                        + response.status().code() + " " + text))))
                                // A busy machine can make one WeChat call miss its 5 s deadline (503, RETRYABLE).
                                .retryWhen(Retry.backoff(3, Duration.ofSeconds(1))),
                        256)
                .then();
    }

    private HttpClient json(String baseUrl, String bearer) {
        return HttpClient.create(connections).baseUrl(baseUrl).headers(h -> {
            h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            if (bearer != null) {
                h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + bearer);
            }
        });
    }

    private static Mono<Void> post(HttpClient client, String path, Object body) {
        return client.post()
                .uri(path)
                .send(ByteBufMono.fromString(Mono.just(JSON.writeValueAsString(body))))
                .responseSingle((response, content) -> content.asString()
                        .defaultIfEmpty("")
                        .flatMap(text -> response.status().code() / 100 == 2
                                ? Mono.<Void>empty()
                                : Mono.error(new IllegalStateException("POST " + path + " answered "
                                        + response.status().code() + ": " + text))))
                .timeout(Duration.ofSeconds(60));
    }
}
