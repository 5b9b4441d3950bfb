package io.wxplatform.wechat.protocol;

public record UnsubscribeEvent(Header header) implements WxEvent {

    static UnsubscribeEvent from(Header h) {
        return new UnsubscribeEvent(h);
    }
}
