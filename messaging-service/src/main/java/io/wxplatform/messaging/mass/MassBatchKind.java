package io.wxplatform.messaging.mass;

import io.wxplatform.messaging.send.OutboundStatus;
import io.wxplatform.messaging.send.SendKind;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.MassApi;
import io.wxplatform.wechat.api.MassSendResult;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A mass job's batch as send's dispatcher attempts it (the same claim, lease, retries, pacing and resume as every
 * send). The batch's {@code clientmsgid} is its id (job id and batch index), stored before any attempt: an attempt
 * repeated after a crash between WeChat's answer and its record is answered 45065 by WeChat, which MassApi reports as
 * already sent with the first msg_id, and the batch is recorded SENT under it, never sent twice. Once SENT, a
 * MASSSENDJOBFINISH report that came first is applied. WeChat's 45066 (the same clientmsgid within a minute: the first
 * attempt may have reached WeChat) is neither a failure nor retried at once: the claim is given back and the batch
 * tried again after the dispatcher's retry delay, until WeChat answers 45065 (sent) or takes it (it was not).
 */
@Component
class MassBatchKind implements SendKind {

    static final String MSG_TYPE = "mass";

    private static final Logger log = LoggerFactory.getLogger(MassBatchKind.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WeChatClient wechat;
    private final MassReports reports;

    MassBatchKind(WeChatClient wechat, MassReports reports) {
        this.wechat = wechat;
        this.reports = reports;
    }

    @Override
    public boolean handles(String msgType) {
        return MSG_TYPE.equals(msgType);
    }

    @Override
    public ApiGroup group() {
        return ApiGroup.MASS_SEND;
    }

    @Override
    public Mono<String> call(Document send, String accessToken) {
        BatchRequest batch = JSON.readValue(send.getString("request"), BatchRequest.class);
        String appId = send.getString("appId");
        String clientMsgId = send.getString("_id");
        Mono<MassSendResult> sent = switch (batch.target()) {
            case ALL -> wechat.mass().sendAll(appId, accessToken, null, batch.message(), clientMsgId);
            case TAG -> wechat.mass().sendAll(appId, accessToken, batch.tagId(), batch.message(), clientMsgId);
            case OPENIDS -> wechat.mass().send(appId, accessToken, batch.openIds(), batch.message(), clientMsgId);
        };
        return sent.onErrorMap(
                        error -> error instanceof WeChatApiException refusal
                                && refusal.errcode() == MassApi.RETRIED_TOO_SOON,
                        error -> new IllegalStateException("WeChat saw clientmsgid " + clientMsgId
                                + " less than a minute ago; asking again later"))
                .flatMap(result -> {
                    if (result.alreadySent()) {
                        log.info(
                                "mass batch {} of {} was sent before (45065), msg_id {}",
                                clientMsgId,
                                appId,
                                result.msgId());
                    }
                    return Mono.justOrEmpty(result.msgId());
                });
    }

    @Override
    public Mono<Void> finished(Document send, OutboundStatus status, String wechatMsgId) {
        if (status != OutboundStatus.SENT || wechatMsgId == null) {
            return Mono.empty();
        }
        return reports.apply(send.getString("appId"), wechatMsgId);
    }
}
