package io.wxplatform.events.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.wxplatform.wechat.protocol.InboundMessage;
import java.time.Instant;
import java.util.Objects;

/**
 * One tenant-managed auto-reply rule of one account.
 *
 * @param order    lower first; ties are broken by id so every reader sees the same order
 * @param delivery how the reply reaches the follower; absent (a set written before it existed) means passive
 */
public record ReplyRule(
        String id,
        String tenantId,
        String appId,
        int order,
        boolean enabled,
        Trigger trigger,
        Reply reply,
        Delivery delivery,
        Instant updatedAt) {

    @JsonCreator
    public ReplyRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(updatedAt, "updatedAt");
        delivery = delivery == null ? Delivery.PASSIVE : delivery;
    }

    /** A passive rule. */
    public ReplyRule(
            String id,
            String tenantId,
            String appId,
            int order,
            boolean enabled,
            Trigger trigger,
            Reply reply,
            Instant updatedAt) {
        this(id, tenantId, appId, order, enabled, trigger, reply, Delivery.PASSIVE, updatedAt);
    }

    public boolean matches(InboundMessage message) {
        return enabled && trigger.matches(message);
    }

    /** The same rule answering with {@code reply} (an asset's current media_id); not a change of the rule. */
    public ReplyRule withReply(Reply reply) {
        return new ReplyRule(id, tenantId, appId, order, enabled, trigger, reply, delivery, updatedAt);
    }

    public ReplyRule withEnabled(boolean enabled, Instant at) {
        return new ReplyRule(id, tenantId, appId, order, enabled, trigger, reply, delivery, at);
    }
}
