package io.wxplatform.sandbox.component;

import io.netty.channel.ChannelOption;
import io.wxplatform.sandbox.callback.CallbackProperties;
import io.wxplatform.wechat.protocol.callback.CallbackRequest;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.callback.SignedCallback;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * POSTs a push to a component's authorization event URL as WeChat does: always safe mode, signed with the
 * component's Token, encrypted with its EncodingAESKey, the component appid at the end of the plaintext. One try;
 * the outcome goes to the component's push log.
 */
@Component
class AuthEventPusher {

    /** The HTTP status the platform answered, or null with {@code error} when it did not answer. */
    record Outcome(Integer status, String error) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration timeout;
    private final Clock clock;
    private final WebClient http;

    AuthEventPusher(CallbackProperties callbacks, Clock clock) {
        this.timeout = callbacks.timeout();
        this.clock = clock;
        HttpClient client = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis());
        this.http = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(client))
                .build();
    }

    Mono<Outcome> push(SimulatedComponent component, String infoType, String authorizerAppId, String innerXml) {
        ComponentRequest config = component.config();
        SignedCallback signed = sign(config, innerXml);
        URI target = URI.create(
                config.authEventUrl() + (config.authEventUrl().contains("?") ? "&" : "?") + signed.queryString());
        Instant at = clock.instant();
        return http.post()
                .uri(target)
                .contentType(MediaType.TEXT_XML)
                .bodyValue(signed.body())
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(new Outcome(response.statusCode().value(), null)))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(new Outcome(null, describe(e))))
                .doOnNext(outcome -> component.recordPush(
                        new SimulatedComponent.Push(infoType, authorizerAppId, at, outcome.status(), outcome.error())));
    }

    private static SignedCallback sign(ComponentRequest config, String innerXml) {
        // Real time, not the sandbox clock: platforms check the timestamp against their own clock.
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = Integer.toString(100_000_000 + RANDOM.nextInt(2_000_000_000));
        return CallbackRequest.build(
                EncryptionMode.SAFE,
                config.token(),
                EncodingAesKey.parse(config.encodingAesKey()),
                config.componentAppId(),
                innerXml,
                null,
                timestamp,
                nonce);
    }

    private String describe(Throwable e) {
        if (e instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return "connection failed: "
                + (cause.getMessage() != null
                        ? cause.getMessage()
                        : cause.getClass().getSimpleName());
    }
}
