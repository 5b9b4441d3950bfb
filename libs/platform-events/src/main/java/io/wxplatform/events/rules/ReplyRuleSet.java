package io.wxplatform.events.rules;

import io.wxplatform.wechat.protocol.InboundMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * All rules of one account, as published on {@link io.wxplatform.events.Topics#REPLY_RULES}. Matching needs no
 * remote call, so callback-service can answer from memory.
 *
 * @param rules   sorted by {@code order}, then id
 * @param version grows with every change of the account's rules; a reader keeps the highest it has seen
 */
public record ReplyRuleSet(String appId, List<ReplyRule> rules, long version) {

    private static final Comparator<ReplyRule> ORDER =
            Comparator.comparingInt(ReplyRule::order).thenComparing(ReplyRule::id);

    public ReplyRuleSet {
        Objects.requireNonNull(appId, "appId");
        rules = Objects.requireNonNull(rules, "rules").stream().sorted(ORDER).toList();
    }

    /**
     * The first enabled rule, in order, whose trigger matches; a {@link Trigger.Default} rule only for a text
     * message that no other rule matched.
     */
    public Optional<ReplyRule> match(InboundMessage message) {
        Optional<ReplyRule> specific = rules.stream()
                .filter(rule -> !(rule.trigger() instanceof Trigger.Default))
                .filter(rule -> rule.matches(message))
                .findFirst();
        if (specific.isPresent()) {
            return specific;
        }
        return rules.stream()
                .filter(rule -> rule.trigger() instanceof Trigger.Default)
                .filter(rule -> rule.matches(message))
                .findFirst();
    }
}
