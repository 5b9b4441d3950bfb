package io.wxplatform.sandbox.callback;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.wechat.protocol.callback.CallbackRejectedException;
import io.wxplatform.wechat.protocol.callback.OpenedReply;
import io.wxplatform.wechat.protocol.callback.ReplyOpener;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import io.wxplatform.wechat.protocol.reply.AddressedReply;
import io.wxplatform.wechat.protocol.reply.ReplyParser;
import io.wxplatform.wechat.protocol.reply.TextReply;
import io.wxplatform.wechat.protocol.xml.XmlException;

/** Checks a callback's answer the way WeChat does before showing it to the follower. */
public final class ReplyInspector {

    private ReplyInspector() {
    }

    public static ReplyView inspect(Account account, String openId, String body) {
        OpenedReply opened;
        try {
            opened = ReplyOpener.open(body, account.encryptionMode(), account.token(), crypto(account));
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
        if (!openId.equals(reply.toUserName()) || !account.originalId().equals(reply.fromUserName())) {
            return ReplyView.rejected(opened.wasEncrypted(), "reply must go from " + account.originalId() + " to "
                    + openId + ", not from " + reply.fromUserName() + " to " + reply.toUserName());
        }
        boolean text = reply.reply() instanceof TextReply;
        return new ReplyView(false, opened.wasEncrypted(), true, reply.reply().msgType(),
                text ? ((TextReply) reply.reply()).content() : null, text ? null : reply.reply(), null);
    }

    private static MessageCrypto crypto(Account account) {
        return account.encodingAesKey() == null
                ? null
                : new MessageCrypto(EncodingAesKey.parse(account.encodingAesKey()), account.appId());
    }

    private static boolean looksEncrypted(String body) {
        return body != null && body.contains("<Encrypt>");
    }
}
