package io.wxplatform.sandbox.message;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.follower.FollowerRegistry;
import io.wxplatform.sandbox.follower.Inbox;
import io.wxplatform.sandbox.follower.InboxEntry;
import io.wxplatform.sandbox.follower.SendVerdict;
import io.wxplatform.sandbox.token.TokenStore;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import java.time.Clock;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /cgi-bin/message/custom/send}: customer-service messages, delivered into the follower's inbox; {@code
 * /cgi-bin/message/custom/typing}: the typing indicator, recorded there too (source TYPING). Both only for verified
 * accounts (48001), known followers (40003), inside their window (45015, also for a follower who has unsubscribed, as
 * WeChat answers a customer-service send; sends past the window's allowance 45047).
 */
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

    @PostMapping("/cgi-bin/message/custom/typing")
    WeChatError typing(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account =
                accounts.find(tokens.appIdOf(accessToken)).orElseThrow(WeChatError.INVALID_CREDENTIAL::toException);
        return calls.record(account.appId(), "message/custom/typing", () -> typing(account, body));
    }

    private WeChatError send(Account account, String body) {
        Map<String, Object> message = json.object(body);
        String touser = recipient(account, message);
        String msgType = WeChatJson.text(message, "msgtype");
        Map<?, ?> payload = CustomMessageKinds.payload(msgType, message.get(msgType));
        refuseUnless(followers.trySend(account.appId(), touser, clock.instant()));
        deliver(account.appId(), touser, msgType, payload);
        return WeChatError.OK;
    }

    private WeChatError typing(Account account, String body) {
        Map<String, Object> request = json.object(body);
        String touser = recipient(account, request);
        String command = WeChatJson.text(request, "command");
        if (!"Typing".equals(command) && !"CancelTyping".equals(command)) {
            throw WeChatError.INVALID_ARGS.toException();
        }
        refuseUnless(followers.verdict(account.appId(), touser, clock.instant()));
        inbox.append(account.appId(), touser, InboxEntry.Source.TYPING, command, null, null);
        return WeChatError.OK;
    }

    private String recipient(Account account, Map<String, Object> request) {
        if (!account.verified()) {
            throw WeChatError.API_UNAUTHORIZED.toException();
        }
        String touser = WeChatJson.text(request, "touser");
        if (WeChatJson.isBlank(touser)
                || followers.find(account.appId(), touser).isEmpty()) {
            throw WeChatError.INVALID_OPENID.toException();
        }
        return touser;
    }

    private static void refuseUnless(SendVerdict verdict) {
        switch (verdict) {
            case ALLOWED -> {}
            case NOT_A_FOLLOWER -> throw WeChatError.INVALID_OPENID.toException();
            // WeChat's customer-service API answers a former follower as one outside the window (43004 is the
            // template API's answer).
            case NOT_SUBSCRIBED, OUT_OF_WINDOW -> throw WeChatError.OUT_OF_WINDOW.toException();
            case LIMIT_REACHED -> throw WeChatError.SEND_LIMIT.toException();
        }
    }

    private void deliver(String appId, String openId, String msgType, Map<?, ?> payload) {
        String content = "text".equals(msgType) ? String.valueOf(payload.get("content")) : null;
        inbox.append(
                appId, openId, InboxEntry.Source.CUSTOMER_SERVICE, msgType, content, content == null ? payload : null);
    }
}
