package io.wxplatform.wechat.protocol;

/** {@code recognition} is WeChat's speech-to-text, present only when the account enabled it. */
public record VoiceMessage(Header header, String mediaId, String format, String recognition, String msgId)
        implements InboundMessage {

    static VoiceMessage from(Header h) {
        var f = h.fields();
        return new VoiceMessage(h, f.get("MediaId"), f.get("Format"), f.get("Recognition"), f.get("MsgId"));
    }
}
