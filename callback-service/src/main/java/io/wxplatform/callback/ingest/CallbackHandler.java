package io.wxplatform.callback.ingest;

import java.util.Map;

import io.wxplatform.callback.settings.CallbackSettings;
import io.wxplatform.callback.settings.CallbackSettingsCache;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.callback.CallbackRejectedException;
import io.wxplatform.wechat.protocol.callback.CallbackVerifier;
import io.wxplatform.wechat.protocol.xml.XmlException;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * WeChat's callback endpoints for followers' messages and events, of direct accounts and of accounts authorized to a
 * component. A POST is answered only after its event is durable (in Kafka, or in the outbox when Kafka is slow):
 * with the passive reply of the account's first matching rule, else {@code success}. Anything that cannot be
 * verified is refused (4xx) and anything that cannot be made durable before the request's deadline answers 503, so
 * that WeChat retries.
 */
@Component
class CallbackHandler {

    private final CallbackSettingsCache settings;
    private final CallbackIntake intake;
    private final PassiveReplies replies;
    private final CallbackAnswers answers;

    CallbackHandler(CallbackSettingsCache settings, CallbackIntake intake, PassiveReplies replies,
                    CallbackAnswers answers) {
        this.settings = settings;
        this.intake = intake;
        this.replies = replies;
        this.answers = answers;
    }

    /** URL verification: answer {@code echostr} when the signature proves the request knows the account's token. */
    Mono<Answer> verifyUrl(String appId, String requestId, ServerHttpRequest request) {
        Map<String, String> query = request.getQueryParams().toSingleValueMap();
        return accountOf(appId)
                .map(account -> Answer.text(echostr(account, query)))
                .onErrorResume(error -> answers.failure(appId, requestId, error));
    }

    /** A follower's message or event, for a direct account: its own Token and keys. */
    Mono<Answer> receive(String appId, String requestId, ServerHttpRequest request) {
        return receive(request, appId, requestId, accountOf(appId).map(Credentials::direct));
    }

    /** The same for an account authorized to a component: the component's Token and keys, sealed for the component. */
    Mono<Answer> receiveForComponent(String componentAppId, String appId, String requestId,
                                     ServerHttpRequest request) {
        return receive(request, appId, requestId, accountOf(appId)
                .zipWith(ComponentLookup.componentOf(settings, componentAppId), Credentials::authorized));
    }

    /** Verified, parsed, durable, and only then answered: with the matching passive reply, or {@code success}. */
    private Mono<Answer> receive(ServerHttpRequest request, String appId, String requestId,
                                 Mono<Credentials> credentials) {
        Map<String, String> query = request.getQueryParams().toSingleValueMap();
        return intake.handle(appId, requestId, deadline -> credentials
                .flatMap(verifier -> intake.open(request, query, verifier)
                        .flatMap(callback -> {
                            InboundMessage message = parse(callback.innerXml());
                            InboundEvent event = InboundEvent.of(verifier.tenantId(), appId, message, intake.now());
                            return intake.publish(event, requestId, deadline)
                                    .map(durable -> replies.answer(appId, requestId, message, callback, verifier));
                        })));
    }

    private Mono<CallbackSettings> accountOf(String appId) {
        return settings.find(appId)
                .switchIfEmpty(Mono.error(() -> CallbackRejection.of(RejectReason.UNKNOWN_APP)))
                .filter(CallbackSettings::active)
                .switchIfEmpty(Mono.error(() -> CallbackRejection.of(RejectReason.ACCOUNT_INACTIVE)));
    }

    private static String echostr(CallbackSettings account, Map<String, String> query) {
        try {
            return CallbackVerifier.verifyHandshake(query, account.callbackToken());
        } catch (CallbackRejectedException e) {
            throw CallbackRejection.from(e);
        }
    }

    private static InboundMessage parse(String innerXml) {
        try {
            return InboundMessages.parse(innerXml);
        } catch (XmlException e) {
            throw CallbackRejection.from(e);
        }
    }
}
