package io.wxplatform.wechat.protocol.reply;

import java.util.Objects;

public record VoiceReply(String mediaId) implements PassiveReply {

    public VoiceReply {
        Objects.requireNonNull(mediaId, "mediaId");
    }

    @Override
    public String msgType() {
        return "voice";
    }
}
