package io.wxplatform.wechat.protocol;

public record TextMessage(Header header, String content, String msgId) implements InboundMessage {

    static TextMessage from(Header h) {
        return new TextMessage(h, h.fields().get("Content"), h.fields().get("MsgId"));
    }
}
