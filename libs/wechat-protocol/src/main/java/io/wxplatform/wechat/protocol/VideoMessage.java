package io.wxplatform.wechat.protocol;

/** Both {@code video} and {@code shortvideo}; they differ only in {@link #shortVideo()}. */
public record VideoMessage(Header header, String mediaId, String thumbMediaId, String msgId, boolean shortVideo)
        implements InboundMessage {

    static VideoMessage from(Header h) {
        var f = h.fields();
        return new VideoMessage(
                h, f.get("MediaId"), f.get("ThumbMediaId"), f.get("MsgId"), "shortvideo".equals(h.msgType()));
    }
}
