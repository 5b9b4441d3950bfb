package io.wxplatform.messaging.send;

import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.CustomMessage;
import io.wxplatform.wechat.api.WeChatClient;
import org.bson.Document;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Customer-service sends: the stored request rebuilt as the same message; WeChat gives no message id. */
final class CustomerServiceKind implements SendKind {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WeChatClient wechat;

    CustomerServiceKind(WeChatClient wechat) {
        this.wechat = wechat;
    }

    @Override
    public boolean handles(String msgType) {
        return true;
    }

    @Override
    public ApiGroup group() {
        return ApiGroup.CUSTOMER_SERVICE_MESSAGES;
    }

    @Override
    public Mono<String> call(Document send, String accessToken) {
        String appId = send.getString("appId");
        CustomMessage message = JSON.readValue(send.getString("request"), CustomMessageRequest.class)
                .toWeChat();
        return wechat.messages().sendCustom(appId, accessToken, message).then(Mono.empty());
    }
}
