package io.wxplatform.messaging.subscribe;

import io.wxplatform.messaging.send.OutboundMessages;
import io.wxplatform.messaging.send.OutboundStatus;
import io.wxplatform.messaging.send.SendKind;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.SubscriptionApi;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscription notifications as send's dispatcher attempts them ({@code bizsend}, which has no dedupe field: the
 * claim is what keeps an attempt single). Once SENT, a sent event that came first is applied; WeChat's 43101 (the
 * follower did not accept, or no longer does) records the consent as rejected, so the next send is refused here.
 */
@Component
class SubscriptionSendKind implements SendKind {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WeChatClient wechat;
    private final OutboundMessages outbound;
    private final SubscriptionConsents consents;
    private final SubscriptionReports reports;
    private final Clock clock;

    SubscriptionSendKind(
            WeChatClient wechat,
            OutboundMessages outbound,
            SubscriptionConsents consents,
            SubscriptionReports reports,
            Clock clock) {
        this.wechat = wechat;
        this.outbound = outbound;
        this.consents = consents;
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public boolean handles(String msgType) {
        return SubscriptionSends.MSG_TYPE.equals(msgType);
    }

    @Override
    public ApiGroup group() {
        return ApiGroup.ONE_TIME_SUBSCRIPTION_MESSAGES;
    }

    @Override
    public Mono<String> call(Document send, String accessToken) {
        SubscriptionSendRequest request = JSON.readValue(send.getString("request"), SubscriptionSendRequest.class);
        return wechat.subscriptions().send(send.getString("appId"), accessToken, request.toWeChat());
    }

    @Override
    public Mono<Void> finished(Document send, OutboundStatus status, String wechatMsgId) {
        String appId = send.getString("appId");
        String openId = send.getString("openId");
        String templateId = send.getString("templateId");
        if (status == OutboundStatus.SENT) {
            return reports.apply(appId, openId, templateId);
        }
        return outbound.byId(send.getString("_id"))
                .filter(failed -> Integer.valueOf(SubscriptionApi.USER_REFUSED).equals(failed.getInteger("errcode")))
                .flatMap(refused -> consents.record(
                        send.getString("tenantId"),
                        appId,
                        openId,
                        templateId,
                        "reject",
                        "WECHAT_43101",
                        // WeChat's events carry whole seconds: an accept in this same second still wins.
                        clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    }
}
