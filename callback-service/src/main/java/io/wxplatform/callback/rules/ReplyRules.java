package io.wxplatform.callback.rules;

import io.wxplatform.events.rules.Delivery;
import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.events.rules.ReplyRuleSet;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.reply.PassiveReply;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every account's passive auto-reply rules, in memory: the callback path matches against them without any remote
 * call. Fed by {@link ReplyRulesReader}; the latest version per account wins, whatever order records arrive in.
 */
public class ReplyRules {

    private final Map<String, HeldRules> byAppId = new ConcurrentHashMap<>();

    /**
     * The passive reply of the first matching rule of the account, if any. A first match answered by
     * customer-service message is no passive reply (messaging-service sends it), and no later rule stands in for it.
     */
    public Optional<PassiveReply> replyTo(String appId, InboundMessage message) {
        HeldRules held = byAppId.get(appId);
        if (held == null || held.rules() == null) {
            return Optional.empty();
        }
        return held.rules()
                .match(message)
                .filter(rule -> rule.delivery() == Delivery.PASSIVE)
                .map(ReplyRule::reply)
                .map(reply -> reply.toPassiveReply());
    }

    /** Keeps {@code rules} unless a newer version is held; false when it was ignored as older. */
    boolean update(ReplyRuleSet rules) {
        return apply(rules.appId(), rules.version(), rules.rules().isEmpty() ? null : rules);
    }

    /** The account has no rules from {@code version} on; false when a newer version is held. */
    boolean clear(String appId, long version) {
        return apply(appId, version, null);
    }

    /** A tombstone whose version cannot be read: the topic says "no rules", so none, keeping the held version. */
    void clear(String appId) {
        byAppId.compute(appId, (id, held) -> new HeldRules(held == null ? 0 : held.version(), null));
    }

    /** Accounts with at least one rule. */
    int accounts() {
        return (int)
                byAppId.values().stream().filter(held -> held.rules() != null).count();
    }

    private boolean apply(String appId, long version, ReplyRuleSet rules) {
        boolean[] applied = {false};
        byAppId.compute(appId, (id, held) -> {
            if (held != null && held.version() > version) {
                return held;
            }
            applied[0] = true;
            return new HeldRules(version, rules);
        });
        return applied[0];
    }
}
