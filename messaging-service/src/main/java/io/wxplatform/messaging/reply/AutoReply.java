package io.wxplatform.messaging.reply;

import io.wxplatform.events.InboundEvent;
import io.wxplatform.messaging.send.CustomMessageSender;
import io.wxplatform.support.inbound.InboundHandler;
import io.wxplatform.wechat.protocol.TextMessage;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Answers a follower's text with a customer-service message; other inbound kinds need nothing yet. */
@Component
@EnableConfigurationProperties(ReplyProperties.class)
class AutoReply implements InboundHandler {

    private final DefaultReply defaultReply;
    private final CustomMessageSender sender;

    AutoReply(ReplyProperties properties, CustomMessageSender sender) {
        this.defaultReply = new DefaultReply(properties.defaultReply());
        this.sender = sender;
    }

    @Override
    public Mono<Void> handle(InboundEvent event) {
        if (!(event.message() instanceof TextMessage text)) {
            return Mono.empty();
        }
        return defaultReply
                .to(text.content())
                .map(reply -> sender.sendText(event, reply))
                .orElseGet(Mono::empty);
    }
}
