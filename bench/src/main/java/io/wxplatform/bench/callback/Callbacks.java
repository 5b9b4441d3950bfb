package io.wxplatform.bench.callback;

import io.wxplatform.wechat.protocol.EventIds;
import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.callback.CallbackRequest;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.callback.SignedCallback;
import io.wxplatform.wechat.protocol.xml.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds distinct safe-mode text callbacks, spread over the accounts and followers, before a phase starts, so the
 * load generator spends nothing on crypto. Every one has its own MsgId, hence its own event id; every one says
 * {@link ReplyRules#KEYWORD}, so that each endpoint answers it with the same passive reply.
 */
final class Callbacks {

    private final List<Account> accounts;
    private final int followers;
    private final AtomicLong msgIds = new AtomicLong(System.currentTimeMillis() * 1000);

    Callbacks(List<Account> accounts, int followers) {
        this.accounts = List.copyOf(accounts);
        this.followers = followers;
    }

    /** {@code count} callbacks whose timestamp is now, so they stay within callback-service's replay window. */
    List<Callback> next(int count) {
        long now = System.currentTimeMillis() / 1000;
        String timestamp = Long.toString(now);
        List<Callback> built = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long msgId = msgIds.incrementAndGet();
            Account account = accounts.get((int) (msgId % accounts.size()));
            String openId = "oBench" + account.originalId() + "f" + (msgId / accounts.size() % followers);
            String xml = XmlWriter.root()
                    .text("ToUserName", account.originalId())
                    .text("FromUserName", openId)
                    .number("CreateTime", now)
                    .text("MsgType", "text")
                    .text("Content", ReplyRules.KEYWORD)
                    .number("MsgId", msgId)
                    .build();
            SignedCallback signed = CallbackRequest.build(
                    EncryptionMode.SAFE,
                    account.callbackToken(),
                    account.key(),
                    account.appId(),
                    xml,
                    openId,
                    timestamp,
                    Long.toString(msgId));
            String path = "/wx/" + account.appId() + "/callback?" + signed.queryString();
            built.add(new Callback(path, signed.body(), EventIds.of(account.appId(), InboundMessages.parse(xml))));
        }
        return built;
    }
}
