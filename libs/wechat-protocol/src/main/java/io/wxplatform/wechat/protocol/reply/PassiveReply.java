package io.wxplatform.wechat.protocol.reply;

/** What the platform may answer a callback with. Render with {@link ReplyRenderer}. */
public sealed interface PassiveReply
        permits TextReply, ImageReply, VoiceReply, VideoReply, MusicReply, NewsReply, TransferCustomerServiceReply {

    /** The {@code MsgType} of the rendered reply. */
    String msgType();
}
