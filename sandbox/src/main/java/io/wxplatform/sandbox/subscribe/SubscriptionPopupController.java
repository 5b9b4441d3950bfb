package io.wxplatform.sandbox.subscribe;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.callback.CallbackDelivery;
import io.wxplatform.sandbox.callback.Delivery;
import io.wxplatform.sandbox.follower.FollowerRegistry;
import io.wxplatform.sandbox.web.SandboxProblem;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The follower answers a subscription-notification popup (accept or reject each template shown) or later rejects a
 * template in WeChat's notification settings; WeChat records the choice and pushes {@code subscribe_msg_popup_event}
 * / {@code subscribe_msg_change_event} to the platform. Answers when the platform has answered the callback.
 */
@RestController
class SubscriptionPopupController {

    private final AccountRegistry accounts;
    private final FollowerRegistry followers;
    private final SubscriptionRegistry subscriptions;
    private final CallbackDelivery delivery;
    private final Clock clock;

    SubscriptionPopupController(
            AccountRegistry accounts,
            FollowerRegistry followers,
            SubscriptionRegistry subscriptions,
            CallbackDelivery delivery,
            Clock clock) {
        this.accounts = accounts;
        this.followers = followers;
        this.subscriptions = subscriptions;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** {@code {templateIds: [...], accept: true|false}} (accept defaults to true). */
    record PopupRequest(List<String> templateIds, Boolean accept) {}

    /** {@code {templateId}}: the follower turns the template off. */
    record ChangeRequest(String templateId) {}

    @PostMapping("/sandbox/accounts/{appId}/followers/{openId}/subscription-popup")
    Mono<Map<String, Object>> popup(
            @PathVariable String appId, @PathVariable String openId, @RequestBody PopupRequest request) {
        if (request.templateIds() == null || request.templateIds().isEmpty()) {
            throw SandboxProblem.badRequest("templateIds is required");
        }
        boolean accept = !Boolean.FALSE.equals(request.accept());
        Map<String, String> choices = new LinkedHashMap<>();
        request.templateIds().forEach(id -> choices.put(id, accept ? "accept" : "reject"));
        return choose(appId, openId, "subscribe_msg_popup_event", choices);
    }

    @PostMapping("/sandbox/accounts/{appId}/followers/{openId}/subscription-change")
    Mono<Map<String, Object>> change(
            @PathVariable String appId, @PathVariable String openId, @RequestBody ChangeRequest request) {
        if (request.templateId() == null || request.templateId().isBlank()) {
            throw SandboxProblem.badRequest("templateId is required");
        }
        return choose(appId, openId, "subscribe_msg_change_event", Map.of(request.templateId(), "reject"));
    }

    private Mono<Map<String, Object>> choose(String appId, String openId, String event, Map<String, String> choices) {
        Account account = accounts.find(appId)
                .orElseThrow(() -> new SandboxProblem(HttpStatus.NOT_FOUND, "account_not_found", "no such account"));
        if (followers.find(appId, openId).isEmpty()) {
            throw new SandboxProblem(HttpStatus.CONFLICT, "not_a_follower", openId + " does not follow " + appId);
        }
        choices.forEach((templateId, status) -> {
            SubscriptionRegistry.Template template = subscriptions
                    .find(appId, templateId)
                    .orElseThrow(() -> new SandboxProblem(
                            HttpStatus.NOT_FOUND, "template_not_found", "the account has no template " + templateId));
            subscriptions.choose(appId, openId, template, "accept".equals(status));
        });
        String xml = SubscribeEventXml.choices(
                account.originalId(), openId, clock.instant().getEpochSecond(), event, choices);
        return delivery.deliver(account, openId, "event:" + event, xml).map(d -> outcome(event, choices, d));
    }

    private static Map<String, Object> outcome(String event, Map<String, String> choices, Delivery d) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("event", event);
        outcome.put("choices", choices);
        outcome.put("answered", d.answer() != null);
        if (d.error() != null) {
            outcome.put("error", d.error());
        }
        return outcome;
    }
}
