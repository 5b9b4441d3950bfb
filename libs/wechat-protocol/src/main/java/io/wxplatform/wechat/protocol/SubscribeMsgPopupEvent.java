package io.wxplatform.wechat.protocol;

import java.util.List;

/** {@code subscribe_msg_popup_event}: the follower answered a subscription-notification popup, per template. */
public record SubscribeMsgPopupEvent(Header header, List<SubscriptionChoice> choices) implements WxEvent {

    static SubscribeMsgPopupEvent from(Header h) {
        return new SubscribeMsgPopupEvent(h, SubscriptionChoice.read(h.fields(), "SubscribeMsgPopupEvent"));
    }
}
