package io.wxplatform.messaging.inbound;

import io.wxplatform.events.InboundEvent;
import io.wxplatform.messaging.draft.PublishReports;
import io.wxplatform.messaging.kf.AgentSessions;
import io.wxplatform.messaging.mass.MassReports;
import io.wxplatform.messaging.rules.CustomerServiceReplies;
import io.wxplatform.messaging.subscribe.SubscriptionConsents;
import io.wxplatform.messaging.subscribe.SubscriptionReports;
import io.wxplatform.messaging.template.TemplateReports;
import io.wxplatform.messaging.window.Interactions;
import io.wxplatform.support.inbound.InboundHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What messaging-service does with each wx.inbound.v1 event (the service's one {@link InboundHandler}, run once per
 * event by platform-support's consumer): the follower's window first, so that a reply rule answered by
 * customer-service message finds the window this very event opened, then that reply; then a template message's
 * delivery report (TEMPLATESENDJOBFINISH), a mass send's (MASSSENDJOBFINISH) and a publish job's outcome
 * (PUBLISHJOBFINISH); then a follower's subscription-notification choices and delivery reports, and agent session
 * changes.
 */
@Component
class InboundEvents implements InboundHandler {

    private final Interactions windows;
    private final CustomerServiceReplies replies;
    private final TemplateReports templateReports;
    private final MassReports massReports;
    private final SubscriptionConsents subscriptionConsents;
    private final SubscriptionReports subscriptionReports;
    private final AgentSessions agentSessions;
    private final PublishReports publishReports;

    InboundEvents(
            Interactions windows,
            CustomerServiceReplies replies,
            TemplateReports templateReports,
            MassReports massReports,
            SubscriptionConsents subscriptionConsents,
            SubscriptionReports subscriptionReports,
            AgentSessions agentSessions,
            PublishReports publishReports) {
        this.windows = windows;
        this.replies = replies;
        this.templateReports = templateReports;
        this.massReports = massReports;
        this.subscriptionConsents = subscriptionConsents;
        this.subscriptionReports = subscriptionReports;
        this.agentSessions = agentSessions;
        this.publishReports = publishReports;
    }

    @Override
    public Mono<Void> handle(InboundEvent event) {
        return windows.handle(event)
                .then(replies.answer(event))
                .then(templateReports.handle(event))
                .then(massReports.handle(event))
                .then(subscriptionConsents.handle(event))
                .then(subscriptionReports.handle(event))
                .then(agentSessions.handle(event))
                .then(publishReports.handle(event));
    }
}
