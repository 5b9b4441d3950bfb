package io.wxplatform.wechat.protocol;

/** A callback with {@code MsgType=event}. */
public sealed interface WxEvent extends InboundMessage
        permits SubscribeEvent,
                UnsubscribeEvent,
                ScanEvent,
                LocationEvent,
                ClickEvent,
                ViewEvent,
                ScanCodeMenuEvent,
                PicturesMenuEvent,
                LocationSelectMenuEvent,
                MiniProgramViewEvent,
                TemplateSendJobFinishEvent,
                MassSendJobFinishEvent,
                PublishJobFinishEvent,
                SubscribeMsgPopupEvent,
                SubscribeMsgChangeEvent,
                SubscribeMsgSentEvent,
                KfSessionEvent,
                UnknownEvent {

    /** The {@code Event} field exactly as sent (WeChat mixes cases: {@code subscribe}, {@code CLICK}). */
    default String event() {
        return fields().get("Event");
    }

    /** The {@code EventKey} field, or null. */
    default String eventKey() {
        return fields().get("EventKey");
    }
}
