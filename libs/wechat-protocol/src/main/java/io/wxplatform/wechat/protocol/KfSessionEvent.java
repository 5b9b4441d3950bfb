package io.wxplatform.wechat.protocol;

/**
 * A customer-service agent session changed: {@code kf_create_session} and {@code kf_close_session} name the agent
 * ({@code KfAccount}); {@code kf_switch_session} names both ({@code FromKfAccount}, {@code ToKfAccount}), and
 * {@link #kfAccount()} is then the agent who has the follower now.
 */
public record KfSessionEvent(Header header, String kfAccount, String fromKfAccount) implements WxEvent {

    public static final String CREATE = "kf_create_session";
    public static final String CLOSE = "kf_close_session";
    public static final String SWITCH = "kf_switch_session";

    static KfSessionEvent from(Header h) {
        var f = h.fields();
        boolean switched = SWITCH.equalsIgnoreCase(f.get("Event"));
        return switched
                ? new KfSessionEvent(h, Fields.required(f, "ToKfAccount"), f.get("FromKfAccount"))
                : new KfSessionEvent(h, Fields.required(f, "KfAccount"), null);
    }

    /** Whether the follower is with an agent after this event (created or switched). */
    public boolean open() {
        return !CLOSE.equalsIgnoreCase(event());
    }
}
