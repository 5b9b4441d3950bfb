package io.wxplatform.wechat.protocol.reply;

import java.util.Objects;

public record ImageReply(String mediaId) implements PassiveReply {

    public ImageReply {
        Objects.requireNonNull(mediaId, "mediaId");
    }

    @Override
    public String msgType() {
        return "image";
    }
}
