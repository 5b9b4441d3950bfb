package io.wxplatform.user.follower;

import java.time.Instant;

import org.springframework.stereotype.Component;

import io.wxplatform.events.InboundEvent;
import io.wxplatform.support.inbound.InboundHandler;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.MassSendJobFinishEvent;
import io.wxplatform.wechat.protocol.SubscribeEvent;
import io.wxplatform.wechat.protocol.TemplateSendJobFinishEvent;
import io.wxplatform.wechat.protocol.UnsubscribeEvent;
import reactor.core.publisher.Mono;

/** Keeps the follower registry in step with what followers do. Times are WeChat's CreateTime, not arrival. */
@Component
class FollowerEvents implements InboundHandler {

    private final FollowerRegistry registry;

    FollowerEvents(FollowerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Mono<Void> handle(InboundEvent event) {
        InboundMessage message = event.message();
        Instant at = Instant.ofEpochSecond(message.createTime());
        if (message instanceof SubscribeEvent subscribe) {
            return registry.subscribed(event, at, subscribe.scene().orElse(null));
        }
        if (message instanceof UnsubscribeEvent) {
            return registry.unsubscribed(event, at);
        }
        if (message instanceof TemplateSendJobFinishEvent || message instanceof MassSendJobFinishEvent) {
            return Mono.empty(); // WeChat reporting on our sends, not the follower doing something
        }
        return registry.interacted(event, at);
    }
}
