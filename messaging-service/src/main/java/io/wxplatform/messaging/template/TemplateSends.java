package io.wxplatform.messaging.template;

import io.wxplatform.messaging.send.Dispatcher;
import io.wxplatform.messaging.send.Idempotency;
import io.wxplatform.messaging.send.OutboundMessage;
import io.wxplatform.messaging.send.OutboundMessages;
import io.wxplatform.messaging.send.OutboundStatus;
import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.wechat.api.ApiGroup;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
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
    private final OutboundMessages outbound;
    private final Dispatcher dispatcher;
    private final Clock clock;

    TemplateSends(WeChatAccounts accounts, OutboundMessages outbound, Dispatcher dispatcher, Clock clock) {
        this.accounts = accounts;
        this.outbound = outbound;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    record Accepted(OutboundMessage message, boolean repeat) {}

    Mono<Accepted> accept(String tenantId, String appId, String idempotencyKey, TemplateSendRequest request) {
        return Idempotency.checkKey(idempotencyKey)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.TEMPLATE_MESSAGES))
                .then(Mono.fromCallable(() -> request.toWeChat(null)))
                .then(Mono.defer(() -> {
                    String json = JSON.writeValueAsString(request);
                    String id = Idempotency.sendId(tenantId, appId, idempotencyKey);
                    return outbound.byId(id)
                            .map(existing -> new Accepted(Idempotency.repeat(existing, json), true))
                            .switchIfEmpty(Mono.defer(() -> store(tenantId, appId, id, idempotencyKey, request, json)));
                }));
    }

    private Mono<Accepted> store(
            String tenantId, String appId, String id, String key, TemplateSendRequest request, String json) {
        Document send = new Document("_id", id)
                .append("tenantId", tenantId)
                .append("appId", appId)
                .append("openId", request.openId())
                .append("msgType", MSG_TYPE)
                .append("templateId", request.templateId())
                .append("content", OutboundMessage.preview(preview(request)))
                .append("request", json)
                .append("requestHash", Idempotency.hash(json))
                .append("status", OutboundStatus.ACCEPTED.name())
                .append("attempts", 0)
                .append("leaseUntil", OutboundMessages.UNCLAIMED)
                .append("createdAt", Date.from(clock.instant()));
        if (key != null) {
            send.append("idempotencyKey", key);
        }
        return outbound.insert(send)
                .flatMap(inserted -> inserted
                        ? Mono.fromRunnable(() -> dispatcher.start(id, appId))
                                .thenReturn(new Accepted(OutboundMessage.fromDocument(send), false))
                        : outbound.byId(id).map(existing -> new Accepted(Idempotency.repeat(existing, json), true)));
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
