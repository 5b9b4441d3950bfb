package io.wxplatform.sandbox.callback;

import io.netty.channel.ChannelOption;
import io.wxplatform.sandbox.account.Account;
import io.wxplatform.wechat.protocol.callback.CallbackRequest;
import io.wxplatform.wechat.protocol.callback.SignedCallback;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 * POSTs a callback as WeChat does: signed (and encrypted) once, then sent with the same query and body on every
 * attempt, a deadline per attempt, up to {@code maxAttempts} tries in all on a timeout or non-2xx — or, for a
 * {@link DeliveryPlan} that repeats, exactly that many times whatever the answers.
 */
@Component
public class CallbackDelivery {

    /** WeChat's placeholder in a component's message URL, replaced by the authorizer's appid. */
    private static final String APPID_PLACEHOLDER = "$APPID$";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CallbackProperties props;
    private final CallbackLog log;
    private final CallbackKeyring keyring;
    private final Clock clock;
    private final WebClient http;
    private final AtomicLong callbackIds = new AtomicLong();

    CallbackDelivery(CallbackProperties props, CallbackLog log, CallbackKeyring keyring, Clock clock) {
        this.props = props;
        this.log = log;
        this.keyring = keyring;
        this.clock = clock;
        HttpClient client = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                props.timeout().toMillis());
        this.http = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(client))
                .build();
    }

    /** {@code kind} labels the callback in the log ({@code text}, {@code event:subscribe}, …). */
    public Mono<Delivery> deliver(Account account, String openId, String kind, String innerXml) {
        return deliver(account, openId, kind, innerXml, DeliveryPlan.DEFAULT);
    }

    public Mono<Delivery> deliver(Account account, String openId, String kind, String innerXml, DeliveryPlan plan) {
        List<String> urls = plan.targets().isEmpty() ? callbackUrl(account) : plan.targets();
        if (urls.isEmpty()) {
            return Mono.just(Delivery.notSent(null, "the account has no callbackUrl"));
        }
        Optional<CallbackSigning> signing = keyring.signingFor(account);
        if (signing.isEmpty()) {
            return Mono.just(Delivery.notSent(
                    urls.get(0),
                    account.authorizedToComponent()
                            ? "no callback keys for component " + account.componentAppId()
                            : "the account has no token to sign callbacks with"));
        }
        SignedCallback signed = sign(signing.get(), openId, innerXml);
        long callbackId = callbackIds.incrementAndGet();
        return attempts(urls, signed, plan)
                .collectList()
                .doOnNext(attempts -> log.record(account.appId(), callbackId, openId, kind, attempts))
                .map(attempts -> Delivery.of(urls.get(0), signing.get(), attempts));
    }

    private Flux<Attempt> attempts(List<String> urls, SignedCallback signed, DeliveryPlan plan) {
        Flux<Attempt> attempts = Flux.range(1, plan.repeats() ? plan.deliveries() : props.maxAttempts())
                .concatMap(n -> post(urls.get((n - 1) % urls.size()), signed, n));
        return plan.repeats() ? attempts : attempts.takeUntil(Attempt::answered);
    }

    private static List<String> callbackUrl(Account account) {
        return account.callbackUrl() == null
                ? List.of()
                : List.of(account.callbackUrl().replace(APPID_PLACEHOLDER, account.appId()));
    }

    private static SignedCallback sign(CallbackSigning signing, String openId, String innerXml) {
        // The transport timestamp follows real time even when the sandbox clock was moved: platforms reject
        // callbacks whose timestamp is far from their own clock, and WeChat's clock is the real one.
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = Integer.toString(100_000_000 + RANDOM.nextInt(2_000_000_000));
        return CallbackRequest.build(
                signing.mode(),
                signing.token(),
                signing.key(),
                signing.cipherAppId(),
                innerXml,
                openId,
                timestamp,
                nonce);
    }

    private Mono<Attempt> post(String url, SignedCallback signed, int attempt) {
        URI target = URI.create(url + (url.contains("?") ? "&" : "?") + signed.queryString());
        return Mono.defer(() -> {
            Instant at = clock.instant();
            long started = System.nanoTime();
            return http.post()
                    .uri(target)
                    .contentType(MediaType.TEXT_XML)
                    .bodyValue(signed.body())
                    .exchangeToMono(response -> read(response, url, attempt, at, started))
                    .timeout(props.timeout())
                    .onErrorResume(e -> Mono.just(
                            new Attempt(attempt, url, at, null, millisSince(started), describe(e), null, null)));
        });
    }

    private static Mono<Attempt> read(ClientResponse response, String url, int attempt, Instant at, long started) {
        int status = response.statusCode().value();
        String error = response.statusCode().is2xxSuccessful() ? null : "HTTP " + status;
        return response.bodyToMono(String.class)
                .defaultIfEmpty("")
                .map(body -> new Attempt(attempt, url, at, status, millisSince(started), error, body, null));
    }

    private String describe(Throwable e) {
        if (e instanceof TimeoutException) {
            return "no answer within " + props.timeout().toMillis() + " ms";
        }
        if (e instanceof WebClientRequestException request) {
            Throwable cause = request.getMostSpecificCause();
            return "connection failed: "
                    + (cause.getMessage() != null
                            ? cause.getMessage()
                            : cause.getClass().getSimpleName());
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
