package io.wxplatform.messaging.subscribe;

import io.wxplatform.messaging.send.AcceptedSends;
import io.wxplatform.messaging.send.Dispatcher;
import io.wxplatform.messaging.send.Idempotency;
import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.ApiGroup;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepting a subscription notification: the account is the tenant's and may send them (permission table: the
 * one-time subscription messages' row, whose successor they are), the request is valid, and the follower's latest
 * recorded choice for the template is accept — else 409 {@code NO_SUBSCRIPTION_CONSENT}, with no WeChat call. Then
 * the send is stored ACCEPTED in {@code outbound_messages} (msgType {@value #MSG_TYPE}) and handed to send's
 * {@link Dispatcher}, which attempts it as a {@link SubscriptionSendKind}. A repeat with the same {@code
 * Idempotency-Key} answers the first send, whatever the consent is now.
 */
@Component
class SubscriptionSends {

    static final String MSG_TYPE = "subscription";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WeChatAccounts accounts;
    private final SubscriptionConsents consents;
    private final AcceptedSends sends;

    SubscriptionSends(WeChatAccounts accounts, SubscriptionConsents consents, AcceptedSends sends) {
        this.accounts = accounts;
        this.consents = consents;
        this.sends = sends;
    }

    Mono<AcceptedSends.Accepted> accept(
            String tenantId, String appId, String idempotencyKey, SubscriptionSendRequest request) {
        return Idempotency.checkKey(idempotencyKey)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.ONE_TIME_SUBSCRIPTION_MESSAGES))
                .then(Mono.fromCallable(request::toWeChat))
                .then(Mono.defer(() -> {
                    String json = JSON.writeValueAsString(request);
                    return sends.once(
                            tenantId,
                            appId,
                            idempotencyKey,
                            json,
                            consented(appId, request),
                            () -> new AcceptedSends.NewSend(
                                    request.openId(),
                                    MSG_TYPE,
                                    preview(request),
                                    json,
                                    Map.of("templateId", request.templateId())));
                }));
    }

    private Mono<Void> consented(String appId, SubscriptionSendRequest request) {
        return consents.accepted(appId, request.openId(), request.templateId())
                .flatMap(accepted -> accepted
                        ? Mono.<Void>empty()
                        : Mono.error(new ApiException(
                                        HttpStatus.CONFLICT,
                                        "NO_SUBSCRIPTION_CONSENT",
                                        "The follower " + request.openId() + " has not accepted the template "
                                                + request.templateId() + " (or has since rejected it)")
                                .with("openId", request.openId())
                                .with("templateId", request.templateId())));
    }

    /** "templateId: keyword=value, …" for the send list. */
    private static String preview(SubscriptionSendRequest request) {
        StringBuilder text = new StringBuilder(request.templateId()).append(':');
        request.data()
                .forEach(
                        (key, value) -> text.append(' ').append(key).append('=').append(value.value()));
        return text.toString();
    }
}
