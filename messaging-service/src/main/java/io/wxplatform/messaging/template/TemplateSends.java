package io.wxplatform.messaging.template;

import io.wxplatform.messaging.send.AcceptedSends;
import io.wxplatform.messaging.send.Dispatcher;
import io.wxplatform.messaging.send.Idempotency;
import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.wechat.api.ApiGroup;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepting a template send: the account is the tenant's and may send template messages (permission table), the
 * request is valid (first/remark and colours refused), then the send is stored ACCEPTED in {@code outbound_messages}
 * (msgType {@value #MSG_TYPE}) and handed to send's {@link Dispatcher}, which attempts it as a {@link TemplateSendKind}.
 * The {@code Idempotency-Key} rules are send's; no window applies to template messages.
 */
@Component
class TemplateSends {

    static final String MSG_TYPE = "template";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WeChatAccounts accounts;
    private final AcceptedSends sends;

    TemplateSends(WeChatAccounts accounts, AcceptedSends sends) {
        this.accounts = accounts;
        this.sends = sends;
    }

    Mono<AcceptedSends.Accepted> accept(
            String tenantId, String appId, String idempotencyKey, TemplateSendRequest request) {
        return Idempotency.checkKey(idempotencyKey)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.TEMPLATE_MESSAGES))
                .then(Mono.fromCallable(() -> request.toWeChat(null)))
                .then(Mono.defer(() -> {
                    String json = JSON.writeValueAsString(request);
                    return sends.once(
                            tenantId,
                            appId,
                            idempotencyKey,
                            json,
                            Mono.empty(),
                            () -> new AcceptedSends.NewSend(
                                    request.openId(),
                                    MSG_TYPE,
                                    preview(request),
                                    json,
                                    Map.of("templateId", request.templateId())));
                }));
    }

    /** "templateId: keyword=value, …" for the send list. */
    private static String preview(TemplateSendRequest request) {
        StringBuilder text = new StringBuilder(request.templateId()).append(':');
        request.data()
                .forEach(
                        (key, value) -> text.append(' ').append(key).append('=').append(value.value()));
        return text.toString();
    }
}
