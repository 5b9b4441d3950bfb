package io.wxplatform.wechat.protocol;

import java.util.Map;

/** Everything a follower's callback can be. Build with {@link InboundMessages}. */
public sealed interface InboundMessage
        permits TextMessage,
                ImageMessage,
                VoiceMessage,
                VideoMessage,
                LocationMessage,
                LinkMessage,
                UnknownMessage,
                WxEvent {

    Header header();

    default String toUserName() {
        return header().toUserName();
    }

    default String fromUserName() {
        return header().fromUserName();
    }

    default long createTime() {
        return header().createTime();
    }

    default String msgType() {
        return header().msgType();
    }

    /** Every field of the callback in document order, unknown ones included. */
    default Map<String, String> fields() {
        return header().fields();
    }

    /** WeChat's message id, or null where WeChat sends none. */
    default String msgId() {
        return fields().get("MsgId");
    }
}
