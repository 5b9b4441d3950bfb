package io.wxplatform.messaging.rules;

import io.wxplatform.events.InboundEvent;
import io.wxplatform.events.rules.Delivery;
import io.wxplatform.events.rules.Reply;
import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.events.rules.ReplyRuleSet;
import io.wxplatform.messaging.send.CustomMessageRequest;
import io.wxplatform.messaging.send.CustomerServiceSends;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.WeChatPermissionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reply rules answered by customer-service message. callback-service answers the callback {@code success} when the
 * account's first matching rule says {@link Delivery#CUSTOMER_SERVICE}; here the same matcher
 * ({@link ReplyRuleSet#match}) over the account's stored rules finds that rule for the inbound event and sends its
 * reply through the durable send path, keyed by the event id, so a redelivered event finds its first send instead
 * of sending again.
 */
@Component
public class CustomerServiceReplies {

    private static final Logger log = LoggerFactory.getLogger(CustomerServiceReplies.class);

    private final RuleStore store;
    private final CustomerServiceSends sends;
    private final RuleMedia media;

    CustomerServiceReplies(RuleStore store, CustomerServiceSends sends, RuleMedia media) {
        this.store = store;
        this.sends = sends;
        this.media = media;
    }

    /** The idempotency key of the reply to one event: one send per event, however often it is delivered. */
    static String idempotencyKey(InboundEvent event) {
        return "rule-reply:" + event.eventId();
    }

    /**
     * Sends the reply of the first matching rule if it is answered by customer-service message. WeChat-side refusals
     * known before the call (window, permission, the account gone) end here, logged; storage failures propagate, so
     * the consumer tries the event again.
     */
    public Mono<Void> answer(InboundEvent event) {
        return rules(event.appId())
                .flatMap(set -> Mono.justOrEmpty(set.match(event.message())))
                .filter(rule -> rule.delivery() == Delivery.CUSTOMER_SERVICE)
                .flatMap(rule -> send(event, rule))
                .then();
    }

    /**
     * The account's rules as published (assets' current media_ids); none without an account_rules entry.
     */
    private Mono<ReplyRuleSet> rules(String appId) {
        return store.account(appId)
                .flatMap(account -> media.current(store.all(appId))
                        .map(rules -> new ReplyRuleSet(appId, rules, account.version())));
    }

    private Mono<Void> send(InboundEvent event, ReplyRule rule) {
        return sends.sendOnce(
                        rule.tenantId(), event.appId(), idempotencyKey(event), message(event.openId(), rule.reply()))
                .doOnNext(sent -> log.info(
                        "Rule {} answers {} by customer-service message {}", rule.id(), event.eventId(), sent.id()))
                .onErrorResume(CustomerServiceReplies::refused, refusal -> {
                    log.warn("Rule {} could not answer {}: {}", rule.id(), event.eventId(), refusal.getMessage());
                    return Mono.empty();
                })
                .then();
    }

    /** What the rule's reply is as a customer-service message (rule validation admits only what maps here). */
    static CustomMessageRequest message(String openId, Reply reply) {
        if (reply instanceof Reply.Text text) {
            return new CustomMessageRequest(
                    openId,
                    "text",
                    new CustomMessageRequest.Text(text.content()),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        if (reply instanceof Reply.Image image) {
            return new CustomMessageRequest(
                    openId,
                    "image",
                    null,
                    new CustomMessageRequest.Media(image.mediaId()),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        if (reply instanceof Reply.Voice voice) {
            return new CustomMessageRequest(
                    openId,
                    "voice",
                    null,
                    null,
                    new CustomMessageRequest.Media(voice.mediaId()),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        if (reply instanceof Reply.Video video) {
            return new CustomMessageRequest(
                    openId,
                    "video",
                    null,
                    null,
                    null,
                    new CustomMessageRequest.Video(video.mediaId(), null, video.title(), video.description()),
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        Reply.Article card = ((Reply.News) reply).articles().get(0);
        return new CustomMessageRequest(
                openId,
                "news",
                null,
                null,
                null,
                null,
                null,
                new CustomMessageRequest.News(card.title(), card.description(), card.url(), card.picUrl()),
                null,
                null,
                null);
    }

    /** Answers that another attempt would get again: the send is not made, and the event is done. */
    private static boolean refused(Throwable error) {
        return error instanceof WeChatPermissionException
                || error instanceof ApiException api && api.status().is4xxClientError();
    }
}
