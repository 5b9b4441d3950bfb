package io.wxplatform.wechat.protocol.reply;

import java.util.Objects;

/** {@code title} and {@code description} are optional (null). */
public record VideoReply(String mediaId, String title, String description) implements PassiveReply {

    public VideoReply {
        Objects.requireNonNull(mediaId, "mediaId");
    }

    @Override
    public String msgType() {
        return "video";
    }
}
