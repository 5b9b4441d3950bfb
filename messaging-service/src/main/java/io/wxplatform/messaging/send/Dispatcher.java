package io.wxplatform.messaging.send;

import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.wxplatform.support.tracing.Tracing;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.tokenclient.TokenServiceException;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.CustomMessage;
import io.wxplatform.wechat.api.ErrorCategory;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attempts stored sends: waits for the account's pace, claims the send (so no other instance or attempt sends it),
 * calls WeChat and records SENT or FAILED with WeChat's errcode and category. A retryable WeChat error (system busy,
 * timeout, too frequent) is retried with backoff inside the claim, then recorded FAILED; every other refusal is final.
 * A failure outside WeChat (token-service unreachable, MongoDB) gives the claim back for a later resume.
 */
@Component
@EnableConfigurationProperties(SendProperties.class)
class Dispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WeChatClient wechat;
    private final TokenClient tokens;
    private final OutboundMessages outbound;
    private final PermissionRefusals refusals;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SendProperties properties;
    private final AccountPacer pacer;
    private final Retry retry;
    /** Sends this instance is working on, so a resume does not start a second attempt here. */
    private final ConcurrentMap<String, Disposable.Swap> inFlight = new ConcurrentHashMap<>();

    private volatile boolean stopped;

    Dispatcher(
            WeChatClient wechat,
            TokenClient tokens,
            OutboundMessages outbound,
            PermissionRefusals refusals,
            Clock clock,
            MeterRegistry meters,
            SendProperties properties) {
        this.wechat = wechat;
        this.tokens = tokens;
        this.outbound = outbound;
        this.refusals = refusals;
        this.clock = clock;
        this.meters = meters;
        this.properties = properties;
        this.pacer = new AccountPacer(properties.perAccountRate());
        this.retry = Retry.backoff(properties.maxAttempts() - 1L, properties.firstBackoff())
                .maxBackoff(properties.maxBackoff())
                .filter(Dispatcher::retryable)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    /** Starts working on the send unless this instance already is; returns at once. */
    void start(String id, String appId) {
        start(id, appId, Context.empty());
    }

    /** As {@link #start(String, String)}, the attempt's spans children of the trace in {@code caller}, if any. */
    void start(String id, String appId, ContextView caller) {
        Disposable.Swap slot = Disposables.swap();
        if (stopped || inFlight.putIfAbsent(id, slot) != null) {
            return;
        }
        Observation parent = Tracing.current(caller);
        slot.update(pacer.slot(appId)
                .then(Mono.defer(() -> attempt(id)))
                .contextWrite(
                        context -> parent == null ? context : context.put(ObservationThreadLocalAccessor.KEY, parent))
                .doFinally(signal -> inFlight.remove(id, slot))
                .subscribe(
                        null, error -> log.warn("send {} of {} left for a resume: {}", id, appId, error.toString())));
    }

    @Override
    public void destroy() {
        stopped = true;
        inFlight.values().forEach(Disposable::dispose);
    }

    private Mono<Void> attempt(String id) {
        Instant now = clock.instant();
        String leaseId = UUID.randomUUID().toString();
        return outbound.claim(id, leaseId, now, now.plus(properties.lease())).flatMap(send -> send(send, leaseId));
    }

    private Mono<Void> send(Document send, String leaseId) {
        String id = send.getString("_id");
        String appId = send.getString("appId");
        CustomMessage message = JSON.readValue(send.getString("request"), CustomMessageRequest.class)
                .toWeChat();
        return tokens.withToken(appId, token -> wechat.messages().sendCustom(appId, token, message))
                .doOnSuccess(done -> countAttempt("OK"))
                .doOnError(
                        WeChatApiException.class,
                        error -> countAttempt(error.category().name()))
                .retryWhen(retry)
                .then(Mono.defer(() -> outbound.finish(id, leaseId, OutboundStatus.SENT, List.of(), clock.instant())))
                .then()
                .onErrorResume(WeChatApiException.class, error -> refused(send, leaseId, error))
                .onErrorResume(
                        error -> error instanceof TokenServiceException refused && !refused.isRetryable(),
                        error -> outbound.finish(
                                        id,
                                        leaseId,
                                        OutboundStatus.FAILED,
                                        List.of(
                                                Updates.set("category", "TOKEN_UNAVAILABLE"),
                                                Updates.set("detail", "token-service has no token for the account")),
                                        clock.instant())
                                .then())
                .onErrorResume(
                        error -> outbound.release(id, leaseId, clock.instant().plus(properties.retryDelay()))
                                .then(Mono.error(error)));
    }

    private Mono<Void> refused(Document send, String leaseId, WeChatApiException error) {
        Instant now = clock.instant();
        String detail = error.category() == ErrorCategory.PERMISSION
                ? PermissionRefusals.detail(ApiGroup.CUSTOMER_SERVICE_MESSAGES, error.errcode())
                : "WeChat answered " + error.errcode() + " " + error.errmsg();
        Mono<Void> recorded = outbound.finish(
                        send.getString("_id"),
                        leaseId,
                        OutboundStatus.FAILED,
                        List.of(
                                Updates.set("errcode", error.errcode()),
                                Updates.set("category", error.category().name()),
                                Updates.set("detail", detail)),
                        now)
                .then();
        if (error.category() != ErrorCategory.PERMISSION) {
            return recorded;
        }
        return recorded.then(refusals.record(
                send.getString("tenantId"),
                send.getString("appId"),
                ApiGroup.CUSTOMER_SERVICE_MESSAGES,
                error.errcode(),
                send.getString("_id"),
                now));
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
