package io.wxplatform.messaging.inbound;

import io.wxplatform.events.InboundEvent;
import io.wxplatform.messaging.draft.PublishReports;
import io.wxplatform.messaging.rules.CustomerServiceReplies;
import io.wxplatform.messaging.template.TemplateReports;
import io.wxplatform.messaging.window.Interactions;
import io.wxplatform.support.inbound.InboundHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What messaging-service does with each wx.inbound.v1 event (the service's one {@link InboundHandler}, run once per
 * event by platform-support's consumer): the follower's window first, so that a reply rule answered by
 * customer-service message finds the window this very event opened, then that reply; then a template message's
 * delivery report (TEMPLATESENDJOBFINISH) and a publish job's outcome (PUBLISHJOBFINISH).
 */
@Component
class InboundEvents implements InboundHandler {

    private final Interactions windows;
    private final CustomerServiceReplies replies;
    private final TemplateReports templateReports;
    private final PublishReports publishReports;

    InboundEvents(
            Interactions windows,
            CustomerServiceReplies replies,
            TemplateReports templateReports,
            PublishReports publishReports) {
        this.windows = windows;
        this.replies = replies;
        this.templateReports = templateReports;
        this.publishReports = publishReports;
    }

    @Override
    public Mono<Void> handle(InboundEvent event) {
        return windows.handle(event)
                .then(replies.answer(event))
                .then(templateReports.handle(event))
                .then(publishReports.handle(event));
    }
}
