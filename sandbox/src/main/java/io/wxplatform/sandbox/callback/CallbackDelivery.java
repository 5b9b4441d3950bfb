package io.wxplatform.sandbox.callback;

import io.netty.channel.ChannelOption;
import io.wxplatform.sandbox.account.Account;
import io.wxplatform.wechat.protocol.callback.CallbackRequest;
import io.wxplatform.wechat.protocol.callback.SignedCallback;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * POSTs a callback to the account's URL as WeChat does: signed (and encrypted) per the account's mode, a deadline
 * per attempt, and up to {@code maxAttempts} tries in all with the same query and body on a timeout or non-2xx.
 */
@Component
public class CallbackDelivery {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CallbackProperties props;
    private final CallbackLog log;
    private final Clock clock;
    private final WebClient http;
    private final AtomicLong callbackIds = new AtomicLong();

    CallbackDelivery(CallbackProperties props, CallbackLog log, Clock clock) {
        this.props = props;
        this.log = log;
        this.clock = clock;
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) props.timeout().toMillis());
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
    }

    /** {@code kind} labels the callback in the log ({@code text}, {@code event:subscribe}, …). */
    public Mono<Delivery> deliver(Account account, String openId, String kind, String innerXml) {
        if (account.callbackUrl() == null) {
            return Mono.just(Delivery.notConfigured());
        }
        SignedCallback signed = sign(account, openId, innerXml);
        URI target = target(account.callbackUrl(), signed);
        long callbackId = callbackIds.incrementAndGet();
        return Flux.range(1, props.maxAttempts())
                .concatMap(n -> post(target, signed.body(), n))
                .takeUntil(Attempt::answered)
                .collectList()
                .doOnNext(attempts -> log.record(account.appId(), callbackId, openId, kind, attempts))
                .map(attempts -> new Delivery(account.callbackUrl(), attempts, failure(attempts)));
    }

    private static SignedCallback sign(Account account, String openId, String innerXml) {
        EncodingAesKey key = account.encodingAesKey() == null ? null : EncodingAesKey.parse(account.encodingAesKey());
        // The transport timestamp follows real time even when the sandbox clock was moved: platforms reject
        // callbacks whose timestamp is far from their own clock, and WeChat's clock is the real one.
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = Integer.toString(100_000_000 + RANDOM.nextInt(2_000_000_000));
        return CallbackRequest.build(account.encryptionMode(), account.token(), key, account.appId(), innerXml,
                openId, timestamp, nonce);
    }

    private static URI target(String callbackUrl, SignedCallback signed) {
        return URI.create(callbackUrl + (callbackUrl.contains("?") ? "&" : "?") + signed.queryString());
    }

    private Mono<Attempt> post(URI target, String body, int attempt) {
        return Mono.defer(() -> {
            Instant at = clock.instant();
            long started = System.nanoTime();
            return http.post()
                    .uri(target)
                    .contentType(MediaType.TEXT_XML)
                    .bodyValue(body)
                    .exchangeToMono(response -> read(response, attempt, at, started))
                    .timeout(props.timeout())
                    .onErrorResume(e -> Mono.just(new Attempt(attempt, at, null, millisSince(started), describe(e),
                            null)));
        });
    }

    private static Mono<Attempt> read(ClientResponse response, int attempt, Instant at, long started) {
        int status = response.statusCode().value();
        String error = response.statusCode().is2xxSuccessful() ? null : "HTTP " + status;
        return response.bodyToMono(String.class)
                .defaultIfEmpty("")
                .map(body -> new Attempt(attempt, at, status, millisSince(started), error, body));
    }

    private String describe(Throwable e) {
        if (e instanceof TimeoutException) {
            return "no answer within " + props.timeout().toMillis() + " ms";
        }
        if (e instanceof WebClientRequestException request) {
            Throwable cause = request.getMostSpecificCause();
            return "connection failed: " + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

    private static String failure(List<Attempt> attempts) {
        return attempts.get(attempts.size() - 1).answered()
                ? null
                : "no 2xx answer after " + attempts.size() + " attempts";
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
