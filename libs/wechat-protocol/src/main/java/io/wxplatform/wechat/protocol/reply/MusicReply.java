package io.wxplatform.wechat.protocol.reply;

import java.util.Objects;

/** Only {@code thumbMediaId} is required; the other fields are optional (null). */
public record MusicReply(String title, String description, String musicUrl, String hqMusicUrl, String thumbMediaId)
        implements PassiveReply {

    public MusicReply {
        Objects.requireNonNull(thumbMediaId, "thumbMediaId");
    }

    @Override
    public String msgType() {
        return "music";
    }
}
