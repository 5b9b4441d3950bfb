package io.wxplatform.messaging.window;

import io.wxplatform.events.InboundEvent;
import io.wxplatform.messaging.template.TemplateReports;
import io.wxplatform.support.inbound.InboundHandler;
import io.wxplatform.wechat.protocol.CustomerServiceWindow;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Feeds each follower's customer-service window from wx.inbound.v1, timed by WeChat's {@code CreateTime}. Runs once
 * per event (the consumer's ledger); a redelivery would change nothing anyway, since a window only moves forward.
 * Template messages' delivery reports (TEMPLATESENDJOBFINISH) go on to {@link TemplateReports}.
 */
@Component
class Interactions implements InboundHandler {

    private final ConversationWindows windows;
    private final TemplateReports templateReports;

    Interactions(ConversationWindows windows, TemplateReports templateReports) {
        this.windows = windows;
        this.templateReports = templateReports;
    }

    @Override
    public Mono<Void> handle(InboundEvent event) {
        return window(event).then(templateReports.handle(event));
    }

    private Mono<Void> window(InboundEvent event) {
        Instant at = Instant.ofEpochSecond(event.createTime());
        return switch (CustomerServiceWindow.after(event.message())) {
            case OPENS_MESSAGE_WINDOW -> windows.messaged(event.appId(), event.openId(), at);
            case OPENS_EVENT_WINDOW -> windows.evented(event.appId(), event.openId(), at);
            case CLOSES -> windows.unsubscribed(event.appId(), event.openId(), at);
            case UNCHANGED -> Mono.empty();
        };
    }
}
