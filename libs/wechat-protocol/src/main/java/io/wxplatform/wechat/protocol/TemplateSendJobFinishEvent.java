package io.wxplatform.wechat.protocol;

/** Delivery report of a template message; {@code msgId} comes from {@code MsgID}. */
public record TemplateSendJobFinishEvent(Header header, String msgId, String status) implements WxEvent {

    static TemplateSendJobFinishEvent from(Header h) {
        return new TemplateSendJobFinishEvent(
                h, h.fields().get("MsgID"), h.fields().get("Status"));
    }

    /** WeChat's {@code Status} when the follower blocked the account's template messages. */
    public static final String USER_BLOCK = "failed:user block";

    public boolean succeeded() {
        return "success".equals(status);
    }

    /** The follower blocked the account's template messages (WeChat did not deliver). */
    public boolean userBlocked() {
        return USER_BLOCK.equals(status);
    }
}
