package io.wxplatform.messaging.template;

import io.wxplatform.messaging.send.OutboundStatus;
import io.wxplatform.messaging.send.SendKind;
import io.wxplatform.messaging.window.ConversationWindows;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Template sends as send's dispatcher attempts them. {@code client_msg_id} is the send's id, so an attempt repeated
 * after a crash (WeChat accepted, the instance died before recording it) is one message to the follower: WeChat sends
 * one per follower and id within 10 minutes. WeChat's 43004 (not subscribed) means the follower left unnoticed (a
 * lost unsubscribe event): their customer-service window is closed too, so a customer-service send to them is refused
 * here, not by WeChat. Once SENT, a delivery report that came first is applied, and the day's summary counts the
 * outcome.
 */
@Component
class TemplateSendKind implements SendKind {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WeChatClient wechat;
    private final TemplateReports reports;
    private final TemplateDeliveries deliveries;
    private final ConversationWindows windows;
    private final Clock clock;

    TemplateSendKind(
            WeChatClient wechat,
            TemplateReports reports,
            TemplateDeliveries deliveries,
            ConversationWindows windows,
            Clock clock) {
        this.wechat = wechat;
        this.reports = reports;
        this.deliveries = deliveries;
        this.windows = windows;
        this.clock = clock;
    }

    @Override
    public boolean handles(String msgType) {
        return TemplateSends.MSG_TYPE.equals(msgType);
    }

    @Override
    public ApiGroup group() {
        return ApiGroup.TEMPLATE_MESSAGES;
    }

    @Override
    public Mono<String> call(Document send, String accessToken) {
        TemplateSendRequest request = JSON.readValue(send.getString("request"), TemplateSendRequest.class);
        return wechat.templates().send(send.getString("appId"), accessToken, request.toWeChat(send.getString("_id")));
    }

    @Override
    public Mono<Void> finished(Document send, OutboundStatus status, String wechatMsgId) {
        Mono<Void> counted = deliveries.count(send, status);
        if (status != OutboundStatus.SENT || wechatMsgId == null) {
            return counted;
        }
        return counted.then(reports.apply(send.getString("appId"), wechatMsgId));
    }
}
