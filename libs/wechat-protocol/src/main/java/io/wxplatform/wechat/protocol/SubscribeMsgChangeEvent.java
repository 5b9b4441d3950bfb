package io.wxplatform.wechat.protocol;

import java.util.List;

/** {@code subscribe_msg_change_event}: the follower changed a template's setting (usually to {@code reject}). */
public record SubscribeMsgChangeEvent(Header header, List<SubscriptionChoice> choices) implements WxEvent {

    static SubscribeMsgChangeEvent from(Header h) {
        return new SubscribeMsgChangeEvent(h, SubscriptionChoice.read(h.fields(), "SubscribeMsgChangeEvent"));
    }
}
