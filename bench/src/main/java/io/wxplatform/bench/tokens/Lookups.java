package io.wxplatform.bench.tokens;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Paced token lookups of random accounts against token-service's internal API, through the steady state. Every
 * answer's {@code expiresAt} is compared with the time it arrived: a token handed out already expired is counted.
 * With {@link #usingTokensAt WeChat} (the sandbox) each token handed out is also used there at once, as a caller
 * would (a {@code user/get}), and WeChat's 40001 (invalid or superseded) and 42001 (expired) answers are counted; the
 * distinct tokens are kept for {@link WeChatCheck#presentAgain}. (Maximum rates and p99 are measured with wrk,
 * {@code callback.Wrk#runGets}.)
 */
final class Lookups implements AutoCloseable {

    private static final Pattern EXPIRES_AT = Pattern.compile("\"expiresAt\":\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ConnectionProvider connections;
    private final HttpClient client;
    private final List<String> appIds;
    final AtomicLong expired = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private WeChatCheck wechat;

    Lookups(String baseUrl, String internalToken, List<String> appIds, int maxConnections) {
        this.connections = ConnectionProvider.builder("lookups")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .build();
        this.client = HttpClient.create(connections)
                .baseUrl(baseUrl)
                .headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + internalToken));
        this.appIds = appIds;
    }

    /** Each token handed out is used at WeChat (the sandbox) too, and WeChat's refusals counted in {@code check}. */
    Lookups usingTokensAt(WeChatCheck check) {
        this.wechat = check;
        return this;
    }

    /** About {@code perSecond} lookups a second, whatever the answers do, until {@code duration} is over. */
    Mono<Long> paced(int perSecond, Duration duration) {
        Duration tick = Duration.ofMillis(100);
        int perTick = Math.max(1, perSecond / 10);
        return Flux.interval(tick)
                .take(duration.toMillis() / tick.toMillis())
                .onBackpressureDrop()
                .concatMapIterable(any -> java.util.Collections.nCopies(perTick, 0))
                .flatMap(any -> lookup(), 256)
                .count();
    }

    /** One lookup: true once answered 200 (an expired token counted), empty on failure. */
    private Mono<Boolean> lookup() {
        String appId = appIds.get(ThreadLocalRandom.current().nextInt(appIds.size()));
        return client.get()
                .uri("/internal/v1/accounts/" + appId + "/access-token")
                .responseSingle((response, body) -> body.asString()
                        .defaultIfEmpty("")
                        .map(text -> {
                            if (response.status().code() != 200) {
                                failed.incrementAndGet();
                                return "";
                            }
                            Matcher expiresAt = EXPIRES_AT.matcher(text);
                            if (!expiresAt.find()
                                    || !Instant.parse(expiresAt.group(1)).isAfter(Instant.now())) {
                                expired.incrementAndGet();
                            }
                            return text;
                        }))
                .timeout(TIMEOUT)
                .filter(text -> !text.isEmpty())
                .flatMap(text -> {
                    Matcher token = ACCESS_TOKEN.matcher(text);
                    Matcher expiresAt = EXPIRES_AT.matcher(text);
                    if (wechat == null || !token.find() || !expiresAt.find()) {
                        return Mono.just(true);
                    }
                    return wechat.use(token.group(1), Instant.parse(expiresAt.group(1)))
                            .thenReturn(true);
                })
                .onErrorResume(e -> {
                    failed.incrementAndGet();
                    return Mono.empty();
                });
    }

    @Override
    public void close() {
        connections.dispose();
    }
}
