package io.wxplatform.sandbox.callback;

import io.wxplatform.wechat.protocol.callback.CallbackRejectedException;
import io.wxplatform.wechat.protocol.callback.OpenedReply;
import io.wxplatform.wechat.protocol.callback.ReplyOpener;
import io.wxplatform.wechat.protocol.reply.AddressedReply;
import io.wxplatform.wechat.protocol.reply.ReplyParser;
import io.wxplatform.wechat.protocol.reply.TextReply;
import io.wxplatform.wechat.protocol.xml.XmlException;

/** Checks a callback's answer the way WeChat does before showing it to the follower. */
public final class ReplyInspector {

    private ReplyInspector() {}

    /** {@code signing} is how the callback was sent: the reply must come back under the same Token and key. */
    public static ReplyView inspect(CallbackSigning signing, String originalId, String openId, String body) {
        OpenedReply opened;
        try {
            opened = ReplyOpener.open(body, signing.mode(), signing.token(), signing.crypto());
        } catch (CallbackRejectedException e) {
            return ReplyView.rejected(looksEncrypted(body), e.getMessage());
        }
        if (opened.empty()) {
            return ReplyView.noReply(false);
        }
        AddressedReply reply;
        try {
            reply = ReplyParser.parseAddressed(opened.innerXml());
        } catch (XmlException e) {
            return ReplyView.rejected(opened.wasEncrypted(), "malformed reply: " + e.getMessage());
        }
        if (!openId.equals(reply.toUserName()) || !originalId.equals(reply.fromUserName())) {
            return ReplyView.rejected(
                    opened.wasEncrypted(),
                    "reply must go from " + originalId + " to " + openId + ", not from " + reply.fromUserName() + " to "
                            + reply.toUserName());
        }
        boolean text = reply.reply() instanceof TextReply;
        return new ReplyView(
                false,
                opened.wasEncrypted(),
                true,
                reply.reply().msgType(),
                text ? ((TextReply) reply.reply()).content() : null,
                text ? null : reply.reply(),
                null);
    }

    private static boolean looksEncrypted(String body) {
        return body != null && body.contains("<Encrypt>");
    }
}
