package io.wxplatform.messaging.send;

import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.tokenclient.TokenServiceException;
import io.wxplatform.wechat.api.CustomMessage;
import io.wxplatform.wechat.api.ErrorCategory;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Sends customer-service messages and records each outcome in {@code outbound_messages}. A stale token is TokenClient's
 * business; a retryable WeChat error (system busy, timeout, too frequent) is retried with backoff here and, when it
 * persists, recorded FAILED and raised so that the event is dead-lettered; every other refusal (48 h window,
 * permission, invalid request, quota, configuration) is final: recorded FAILED, not retried.
 */
@Component
@EnableConfigurationProperties(SendProperties.class)
public class CustomMessageSender {

    private static final String TEXT = "text";

    private final WeChatClient wechat;
    private final TokenClient tokens;
    private final OutboundMessages outbound;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Retry retry;

    CustomMessageSender(
            WeChatClient wechat,
            TokenClient tokens,
            OutboundMessages outbound,
            Clock clock,
            MeterRegistry meters,
            SendProperties properties) {
        this.wechat = wechat;
        this.tokens = tokens;
        this.outbound = outbound;
        this.clock = clock;
        this.meters = meters;
        this.retry = Retry.backoff(properties.maxAttempts() - 1L, properties.firstBackoff())
                .maxBackoff(properties.maxBackoff())
                .filter(CustomMessageSender::retryable)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    /** Replies with a text to the follower who caused {@code event}. */
    public Mono<Void> sendText(InboundEvent event, String content) {
        CustomMessage message = new CustomMessage.Text(event.openId(), content);
        return attempt(event.appId(), message)
                .retryWhen(retry)
                .then(Mono.defer(() -> outbound.save(OutboundMessage.sent(event, TEXT, content, clock.instant()))))
                .onErrorResume(
                        WeChatApiException.class,
                        error -> outbound.save(OutboundMessage.failed(event, TEXT, content, error, clock.instant()))
                                .then(retryable(error) ? Mono.error(new SendAbandonedException(error)) : Mono.empty()));
    }

    private Mono<Void> attempt(String appId, CustomMessage message) {
        return tokens.withToken(appId, token -> wechat.messages().sendCustom(appId, token, message))
                .doOnSuccess(done -> countAttempt("OK"))
                .doOnError(
                        WeChatApiException.class,
                        error -> countAttempt(error.category().name()))
                .onErrorMap(
                        error -> error instanceof TokenServiceException refused && !refused.isRetryable(),
                        error -> new TokenUnavailableException((TokenServiceException) error));
    }

    private void countAttempt(String result) {
        meters.counter("wx.messaging.send.attempts", "result", result).increment();
    }

    /** System busy, transport failures and "too frequent" may pass; every other refusal is final. */
    private static boolean retryable(Throwable error) {
        return error instanceof WeChatApiException wechatError
                && (wechatError.category() == ErrorCategory.RETRYABLE
                        || wechatError.category() == ErrorCategory.RATE_LIMITED);
    }
}
