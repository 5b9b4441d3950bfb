package io.wxplatform.wechat.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code subscribe_msg_sent_event}: WeChat's delivery report of subscription notifications ({@code bizsend}), one
 * {@code List} entry per notification with its {@code MsgID} (bizsend's msgid), {@code ErrorCode} (0 delivered) and
 * {@code ErrorStatus} ({@code success}, {@code failed:user block}, {@code failed:system failed}).
 */
public record SubscribeMsgSentEvent(Header header, List<Sent> sent) implements WxEvent {

    public record Sent(String templateId, String msgId, int errorCode, String errorStatus) {

        public boolean delivered() {
            return errorCode == 0;
        }

        /** The follower refused the notification (blocked the account's notifications). */
        public boolean userBlocked() {
            return errorStatus != null && errorStatus.contains("user block");
        }
    }

    static SubscribeMsgSentEvent from(Header h) {
        var f = h.fields();
        List<Sent> sent = new ArrayList<>();
        for (String prefix : SubscriptionChoice.listPrefixes(f, "SubscribeMsgSentEvent")) {
            sent.add(new Sent(
                    f.get(prefix + "TemplateId"),
                    Fields.required(f, prefix + "MsgID").trim(),
                    Fields.intValue(f, prefix + "ErrorCode"),
                    f.get(prefix + "ErrorStatus")));
        }
        return new SubscribeMsgSentEvent(h, List.copyOf(sent));
    }
}
