package io.wxplatform.callback.ingest;

import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.callback.durability.DurablePublisher;
import io.wxplatform.callback.settings.CallbackSettings;
import io.wxplatform.events.ComponentEvent;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.support.logging.RequestLog;
import io.wxplatform.wechat.protocol.ComponentPush;
import io.wxplatform.wechat.protocol.ComponentPushes;
import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.callback.CallbackRejectedException;
import io.wxplatform.wechat.protocol.callback.CallbackVerifier;
import io.wxplatform.wechat.protocol.callback.OpenedCallback;
import io.wxplatform.wechat.protocol.xml.XmlException;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What happens to a callback between the ingress and its answer, the same for every POST route: the credentials
 * its URL takes → open it (replay window, body within its limit, signatures, decryption) → parse it into its event
 * → make the event durable (Kafka, else the outbox) → the passive reply of the account's first matching rule, else
 * {@code success}. A step that refuses throws a {@link CallbackRejection}; {@link CallbackIngress} answers it.
 */
@Component
class CallbackIntake {

    private final CredentialsLookup credentials;
    private final ReplayWindow replayWindow;
    private final CallbackBodies bodies;
    private final DurablePublisher durability;
    private final PassiveReplies replies;
    private final CallbackMetrics metrics;
    private final Clock clock;

    CallbackIntake(
            CredentialsLookup credentials,
            CallbackProperties properties,
            DurablePublisher durability,
            PassiveReplies replies,
            CallbackMetrics metrics,
            Clock clock) {
        this.credentials = credentials;
        this.replayWindow = new ReplayWindow(clock, properties.replayWindow());
        this.bodies = new CallbackBodies(properties.maxBodySize());
        this.durability = durability;
        this.replies = replies;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** URL verification: answer {@code echostr} when the signature proves the request knows the account's token. */
    Mono<Answer> verifyUrl(String appId, ServerHttpRequest request) {
        Map<String, String> query = CallbackQuery.of(request);
        return credentials.account(appId).map(account -> Answer.text(echostr(account, query)));
    }

    /** Verified, parsed, durable, and only then answered. */
    Mono<Answer> receive(CallbackPath path, RequestLog requestLog, ServerHttpRequest request, Deadline deadline) {
        Map<String, String> query = CallbackQuery.of(request);
        return credentials
                .of(path)
                .flatMap(verifier -> open(request, query, verifier))
                .map(opened -> parse(path, opened))
                .flatMap(received -> makeDurable(received, requestLog, deadline))
                // Off Kafka's network thread (or MongoDB's) before the reply is sealed: see RequestLoop.
                .publishOn(RequestLoop.of(request))
                .map(received -> answer(received, requestLog));
    }

    /** Replay window, body, signatures, decryption: the verified callback and the credentials that opened it. */
    private Mono<Opened> open(ServerHttpRequest request, Map<String, String> query, Credentials verifier) {
        replayWindow.check(query);
        return bodies.read(request).map(body -> new Opened(verifier, verifier.open(query, body)));
    }

    /** The callback's event, parsed once: the typed message travels in it to Kafka and to the passive reply. */
    private Received parse(CallbackPath path, Opened opened) {
        String xml = opened.callback().innerXml();
        try {
            if (path.kind() == CallbackPath.Kind.COMPONENT_PUSH) {
                ComponentPush push = ComponentPushes.parse(xml);
                // The push must name the component it was sent to, as its ciphertext already did.
                if (!path.componentAppId().equals(push.componentAppId())) {
                    throw CallbackRejection.of(RejectReason.APPID_MISMATCH);
                }
                return new Received.Push(ComponentEvent.of(push, clock.instant()));
            }
            InboundEvent event = InboundEvent.of(
                    opened.credentials().tenantId(), path.appId(), InboundMessages.parse(xml), clock.instant());
            return new Received.FollowerMessage(event, opened.credentials(), opened.callback());
        } catch (XmlException e) {
            throw CallbackRejection.from(e);
        }
    }

    /** Kafka's or the outbox's ack; from then on the deadline's verdict is {@code success}. */
    private Mono<Received> makeDurable(Received received, RequestLog requestLog, Deadline deadline) {
        return durability
                .publish(received.eventId(), received.record(), requestLog)
                .map(where -> {
                    deadline.markDurable();
                    metrics.received(received.meteredAppId(), received.meteredType());
                    return received;
                });
    }

    /** Only for a durable event: a follower's gets the passive reply if a rule matches, a push {@code success}. */
    private Answer answer(Received received, RequestLog requestLog) {
        return received instanceof Received.FollowerMessage message
                ? replies.answer(message, requestLog)
                : Answer.SUCCESS;
    }

    private static String echostr(CallbackSettings account, Map<String, String> query) {
        try {
            return CallbackVerifier.verifyHandshake(query, account.callbackToken());
        } catch (CallbackRejectedException e) {
            throw CallbackRejection.from(e);
        }
    }

    private record Opened(Credentials credentials, OpenedCallback callback) {}
}
