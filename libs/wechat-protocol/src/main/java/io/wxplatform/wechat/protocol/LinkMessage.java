package io.wxplatform.wechat.protocol;

public record LinkMessage(Header header, String title, String description, String url, String msgId)
        implements InboundMessage {

    static LinkMessage from(Header h) {
        var f = h.fields();
        return new LinkMessage(h, f.get("Title"), f.get("Description"), f.get("Url"), f.get("MsgId"));
    }
}
