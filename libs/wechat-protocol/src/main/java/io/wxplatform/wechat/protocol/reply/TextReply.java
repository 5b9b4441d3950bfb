package io.wxplatform.wechat.protocol.reply;

import java.util.Objects;

public record TextReply(String content) implements PassiveReply {

    public TextReply {
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String msgType() {
        return "text";
    }
}
