package io.wxplatform.messaging.send;

import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.wxplatform.support.tracing.Tracing;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.tokenclient.TokenServiceException;
import io.wxplatform.wechat.api.ErrorCategory;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;

/**
 * Attempts stored sends of every {@link SendKind}: waits for the account's pace, claims the send (so no other instance or attempt sends it),
 * calls WeChat and records SENT or FAILED with WeChat's errcode and category. A retryable WeChat error (system busy,
 * timeout, too frequent) is retried with backoff inside the claim, then recorded FAILED; every other refusal is final.
 * A failure outside WeChat (token-service unreachable, MongoDB) gives the claim back for a later resume.
 */
@Component
@EnableConfigurationProperties(SendProperties.class)
public class Dispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** The kinds other packages declare, then customer-service messages, which take every other msgType. */
    private final List<SendKind> kinds;

    private final TokenClient tokens;
    private final OutboundMessages outbound;
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
            Clock clock,
            MeterRegistry meters,
            SendProperties properties,
            ObjectProvider<SendKind> kinds) {
        List<SendKind> all = new ArrayList<>(kinds.orderedStream().toList());
        all.add(new CustomerServiceKind(wechat));
        this.kinds = List.copyOf(all);
        this.tokens = tokens;
        this.outbound = outbound;
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
    public void start(String id, String appId) {
        start(id, appId, Context.empty());
    }

    /** As {@link #start(String, String)}, the attempt's spans children of the trace in {@code caller}, if any. */
    public void start(String id, String appId, ContextView caller) {
        run(id, appId, pacer.slot(appId).then(Mono.defer(() -> attempt(id))), caller);
    }

    /** A claim taken as a send is stored: its lease id and until when it holds. */
    record Lease(String id, Instant until) {}

    /**
     * A claim for a send about to be stored, when the account's pace lets it go at once (its slot is then taken):
     * stored with it, it spares the attempt its own claim, one MongoDB round trip per send. Empty when the send has
     * to wait its turn: it is stored unclaimed and claimed when its slot comes, so that a restart meanwhile leaves it
     * to the next instance at once.
     */
    Optional<Lease> leaseNow(String appId) {
        if (stopped || !pacer.tryNow(appId)) {
            return Optional.empty();
        }
        return Optional.of(
                new Lease(UUID.randomUUID().toString(), clock.instant().plus(properties.lease())));
    }

    /**
     * Attempts a send stored with {@code lease} (from {@link #leaseNow}) at once. If this instance cannot (it is
     * stopping), the send is resumed when the lease expires, as after a crash.
     */
    void startLeased(Document send, Lease lease, ContextView caller) {
        run(send.getString("_id"), send.getString("appId"), send(send, lease.id()), caller);
    }

    private void run(String id, String appId, Mono<Void> work, ContextView caller) {
        Disposable.Swap slot = Disposables.swap();
        if (stopped || inFlight.putIfAbsent(id, slot) != null) {
            return;
        }
        Observation parent = Tracing.current(caller);
        slot.update(work.contextWrite(
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
        SendKind kind = kindOf(send);
        return tokens.withToken(appId, token -> kind.call(send, token))
                .doOnSuccess(done -> countAttempt("OK"))
                .doOnError(
                        WeChatApiException.class,
                        error -> countAttempt(error.category().name()))
                .retryWhen(retry)
                .singleOptional()
                .flatMap(msgId -> finish(
                        send,
                        kind,
                        leaseId,
                        OutboundStatus.SENT,
                        msgId.map(value -> List.of(Updates.set("wechatMsgId", value)))
                                .orElse(List.of()),
                        msgId.orElse(null)))
                .onErrorResume(WeChatApiException.class, error -> refused(send, kind, leaseId, error))
                .onErrorResume(
                        error -> error instanceof TokenServiceException refused && !refused.isRetryable(),
                        error -> finish(
                                send,
                                kind,
                                leaseId,
                                OutboundStatus.FAILED,
                                List.of(
                                        Updates.set("category", "TOKEN_UNAVAILABLE"),
                                        Updates.set("detail", "token-service has no token for the account")),
                                null))
                .onErrorResume(
                        error -> outbound.release(id, leaseId, clock.instant().plus(properties.retryDelay()))
                                .then(Mono.error(error)));
    }

    /** Records the outcome while holding the claim, then lets the kind follow it up (only if this recorded it). */
    private Mono<Void> finish(
            Document send, SendKind kind, String leaseId, OutboundStatus status, List<Bson> outcome, String msgId) {
        return outbound.finish(send.getString("_id"), leaseId, status, outcome, clock.instant())
                .filter(recorded -> recorded)
                .flatMap(recorded -> kind.finished(send, status, msgId));
    }

    private SendKind kindOf(Document send) {
        String msgType = send.getString("msgType");
        return kinds.stream().filter(kind -> kind.handles(msgType)).findFirst().orElseThrow();
    }

    /**
     * WeChat's refusal, recorded on the send. A permission refusal (48001) of an account that passed the permission
     * table means its tenant's declaration is wrong: token-client's {@code withToken} records it on the account in
     * token-service, where the tenant sees it, and the send's detail says so.
     */
    private Mono<Void> refused(Document send, SendKind kind, String leaseId, WeChatApiException error) {
        String detail = error.category() == ErrorCategory.PERMISSION
                ? "WeChat refused " + kind.group() + " for this account (" + error.errcode() + ") although the type"
                        + " and verification its tenant declared allow it: the declaration is wrong (recorded on the"
                        + " account)"
                : "WeChat answered " + error.errcode() + " " + error.errmsg();
        return finish(
                send,
                kind,
                leaseId,
                OutboundStatus.FAILED,
                List.of(
                        Updates.set("errcode", error.errcode()),
                        Updates.set("category", error.category().name()),
                        Updates.set("detail", detail)),
                null);
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
