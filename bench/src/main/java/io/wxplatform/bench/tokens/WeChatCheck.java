package io.wxplatform.bench.tokens;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Uses the tokens token-service hands out where they are meant for: WeChat (the sandbox), with a {@code user/get},
 * and counts WeChat's answers. 40001 means the token is unknown or was superseded (revoked by a forced refresh), 42001
 * that it expired: a caller of a healthy token-service never sees either. Every distinct token is kept with the
 * {@code expiresAt} it was handed out with, so that at the end each one still inside its lifetime can be presented
 * again ({@link #presentAgain}): a token revoked while callers may still hold it shows up there.
 */
final class WeChatCheck implements AutoCloseable {

    static final int INVALID = 40001;
    static final int EXPIRED = 42001;
    private static final int UNREACHABLE = -999;
    private static final Pattern ERRCODE = Pattern.compile("\"errcode\"\\s*:\\s*(-?\\d+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ConnectionProvider connections;
    private final HttpClient client;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    final AtomicLong presented = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    final AtomicLong otherErrors = new AtomicLong();
    final AtomicLong unreachable = new AtomicLong();

    WeChatCheck(String sandboxUrl) {
        this.connections = ConnectionProvider.builder("wechat-check")
                .maxConnections(64)
                .pendingAcquireMaxCount(-1)
                .build();
        this.client = HttpClient.create(connections).baseUrl(sandboxUrl);
    }

    /** The token as a caller uses it right after the lookup; WeChat's answer counted. Never fails. */
    Mono<Void> use(String token, Instant expiresAt) {
        tokens.putIfAbsent(token, expiresAt);
        return errcode(token).doOnNext(this::count).then();
    }

    /** Distinct tokens handed out so far. */
    int distinct() {
        return tokens.size();
    }

    /**
     * Every distinct token whose {@code expiresAt} is still ahead, presented to WeChat again now: how many of them
     * WeChat answers 40001 (revoked while token-service still said they were good), and how many were presented.
     */
    long[] presentAgain() {
        Instant now = Instant.now().plusSeconds(1);
        AtomicLong again = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Flux.fromIterable(tokens.entrySet())
                .filter(token -> token.getValue().isAfter(now))
                .flatMap(token -> errcode(token.getKey()), 32)
                .doOnNext(code -> {
                    again.incrementAndGet();
                    if (code == INVALID) {
                        refused.incrementAndGet();
                    }
                })
                .blockLast(Duration.ofMinutes(10));
        return new long[] {refused.get(), again.get()};
    }

    private void count(int code) {
        presented.incrementAndGet();
        switch (code) {
            case 0 -> {}
            case INVALID -> invalid.incrementAndGet();
            case EXPIRED -> expired.incrementAndGet();
            case UNREACHABLE -> unreachable.incrementAndGet();
            default -> otherErrors.incrementAndGet();
        }
    }

    /** WeChat's errcode for a call with {@code token} (0 for a success, which carries none). */
    private Mono<Integer> errcode(String token) {
        return client.get()
                .uri("/cgi-bin/user/get?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                .responseSingle((response, body) -> body.asString().defaultIfEmpty(""))
                .map(text -> {
                    Matcher code = ERRCODE.matcher(text);
                    return code.find() ? Integer.parseInt(code.group(1)) : 0;
                })
                .timeout(TIMEOUT)
                .onErrorReturn(UNREACHABLE);
    }

    @Override
    public void close() {
        connections.dispose();
    }
}
