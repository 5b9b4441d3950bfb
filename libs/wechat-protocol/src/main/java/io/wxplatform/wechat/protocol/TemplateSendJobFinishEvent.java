package io.wxplatform.wechat.protocol;

/** Delivery report of a template message; {@code msgId} comes from {@code MsgID}. */
public record TemplateSendJobFinishEvent(Header header, String msgId, String status) implements WxEvent {

    static TemplateSendJobFinishEvent from(Header h) {
        return new TemplateSendJobFinishEvent(
                h, h.fields().get("MsgID"), h.fields().get("Status"));
    }

    public boolean succeeded() {
        return "success".equals(status);
    }
}
