package io.wxplatform.events;

/** Kafka topic names. Versioned: a breaking change of a body gets a new topic, never a new meaning for an old one. */
public final class Topics {

    /** Follower messages and events, key {@code appId|openId} so one follower's events stay in order. */
    public static final String INBOUND = "wx.inbound.v1";
    /** Third-party platform pushes, key component appId. Carries the component_verify_ticket, by design. */
    public static final String COMPONENT = "wx.component.v1";
    /** Account lifecycle notices, key appId. Never secrets. */
    public static final String ACCOUNT = "wx.account.v1";
    /** Credential rotation notices, key appId. Never token values. */
    public static final String TOKEN = "wx.token.v1";
    /**
     * Passive auto-reply rules, compacted, key appId: each record is the account's whole
     * {@link io.wxplatform.events.rules.ReplyRuleSet}; a tombstone (null body) when the account has no rules.
     */
    public static final String REPLY_RULES = "wx.reply-rules.v1";

    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {}

    /** The dead-letter topic of {@code topic}: {@code <topic>.dlq}. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
