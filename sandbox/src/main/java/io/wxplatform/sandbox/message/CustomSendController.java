package io.wxplatform.sandbox.message;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.follower.FollowerRegistry;
import io.wxplatform.sandbox.follower.Inbox;
import io.wxplatform.sandbox.follower.InboxEntry;
import io.wxplatform.sandbox.token.TokenStore;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import java.time.Clock;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /cgi-bin/message/custom/send}: customer-service messages, delivered into the follower's inbox. */
@RestController
class CustomSendController {

    private final TokenStore tokens;
    private final AccountRegistry accounts;
    private final FollowerRegistry followers;
    private final Inbox inbox;
    private final WeChatJson json;
    private final Clock clock;
    private final ApiCallLog calls;

    CustomSendController(
            TokenStore tokens,
            AccountRegistry accounts,
            FollowerRegistry followers,
            Inbox inbox,
            WeChatJson json,
            Clock clock,
            ApiCallLog calls) {
        this.calls = calls;
        this.tokens = tokens;
        this.accounts = accounts;
        this.followers = followers;
        this.inbox = inbox;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/cgi-bin/message/custom/send")
    WeChatError send(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account =
                accounts.find(tokens.appIdOf(accessToken)).orElseThrow(WeChatError.INVALID_CREDENTIAL::toException);
        return calls.record(account.appId(), "message/custom/send", () -> send(account, body));
    }

    private WeChatError send(Account account, String body) {
        if (!account.verified()) {
            throw WeChatError.API_UNAUTHORIZED.toException();
        }
        Map<String, Object> message = json.object(body);
        String touser = WeChatJson.text(message, "touser");
        if (WeChatJson.isBlank(touser)
                || followers.find(account.appId(), touser).isEmpty()) {
            throw WeChatError.INVALID_OPENID.toException();
        }
        String msgType = WeChatJson.text(message, "msgtype");
        Map<?, ?> payload = CustomMessageKinds.payload(msgType, message.get(msgType));
        switch (followers.trySend(account.appId(), touser, clock.instant())) {
            case ALLOWED -> deliver(account.appId(), touser, msgType, payload);
            case NOT_A_FOLLOWER -> throw WeChatError.INVALID_OPENID.toException();
            case OUT_OF_WINDOW -> throw WeChatError.OUT_OF_WINDOW.toException();
            case LIMIT_REACHED -> throw WeChatError.SEND_LIMIT.toException();
        }
        return WeChatError.OK;
    }

    private void deliver(String appId, String openId, String msgType, Map<?, ?> payload) {
        String content = "text".equals(msgType) ? String.valueOf(payload.get("content")) : null;
        inbox.append(
                appId, openId, InboxEntry.Source.CUSTOMER_SERVICE, msgType, content, content == null ? payload : null);
    }
}
