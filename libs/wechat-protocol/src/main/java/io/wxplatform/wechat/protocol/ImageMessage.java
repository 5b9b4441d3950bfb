package io.wxplatform.wechat.protocol;

public record ImageMessage(Header header, String picUrl, String mediaId, String msgId) implements InboundMessage {

    static ImageMessage from(Header h) {
        return new ImageMessage(
                h,
                h.fields().get("PicUrl"),
                h.fields().get("MediaId"),
                h.fields().get("MsgId"));
    }
}
