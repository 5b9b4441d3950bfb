package io.wxplatform.sandbox.subscribe;

import io.wxplatform.wechat.protocol.xml.XmlWriter;
import java.util.Map;

/** The XML of WeChat's subscription-notification events, as its documentation shows them. */
final class SubscribeEventXml {

    private SubscribeEventXml() {}

    /** {@code subscribe_msg_popup_event} or {@code subscribe_msg_change_event}: template id → accept | reject. */
    static String choices(
            String originalId, String openId, long createTime, String event, Map<String, String> choices) {
        String root = "subscribe_msg_popup_event".equals(event) ? "SubscribeMsgPopupEvent" : "SubscribeMsgChangeEvent";
        XmlWriter xml = header(originalId, openId, createTime, event).open(root);
        choices.forEach((templateId, status) -> {
            xml.open("List").text("TemplateId", templateId).text("SubscribeStatusString", status);
            if ("SubscribeMsgPopupEvent".equals(root)) {
                xml.number("PopupScene", 2);
            }
            xml.close("List");
        });
        return xml.close(root).build();
    }

    static String sent(
            String originalId, String openId, long createTime, String templateId, long msgId, int code, String status) {
        return header(originalId, openId, createTime, "subscribe_msg_sent_event")
                .open("SubscribeMsgSentEvent")
                .open("List")
                .text("TemplateId", templateId)
                .number("MsgID", msgId)
                .number("ErrorCode", code)
                .text("ErrorStatus", status)
                .close("List")
                .close("SubscribeMsgSentEvent")
                .build();
    }

    private static XmlWriter header(String originalId, String openId, long createTime, String event) {
        return XmlWriter.root()
                .text("ToUserName", originalId)
                .text("FromUserName", openId)
                .number("CreateTime", createTime)
                .text("MsgType", "event")
                .text("Event", event);
    }
}
