package io.wxplatform.sandbox.oauth;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.web.WeChatError;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code sns/oauth2/access_token} (an account's own exchange, with its AppSecret) and {@code sns/userinfo}. The
 * component variant is {@code component.SnsComponentController}. Calls are in the account's api-calls log.
 */
@RestController
class SnsController {

    private final AccountRegistry accounts;
    private final OAuthGrants grants;
    private final ApiCallLog calls;

    SnsController(AccountRegistry accounts, OAuthGrants grants, ApiCallLog calls) {
        this.accounts = accounts;
        this.grants = grants;
        this.calls = calls;
    }

    @GetMapping("/sns/oauth2/access_token")
    Map<String, Object> accessToken(
            @RequestParam(required = false) String appid,
            @RequestParam(required = false) String secret,
            @RequestParam(required = false) String code,
            @RequestParam(name = "grant_type", required = false) String grantType) {
        return calls.record(appid, "sns/oauth2/access_token", () -> {
            if (appid == null || appid.isBlank()) {
                throw WeChatError.APPID_MISSING.toException();
            }
            Account account = accounts.find(appid).orElseThrow(WeChatError.INVALID_APPID::toException);
            if (secret == null || secret.isBlank()) {
                throw WeChatError.APPSECRET_MISSING.toException();
            }
            if (!account.secretMatches(secret)) {
                throw WeChatError.INVALID_APPSECRET.toException();
            }
            if (!"authorization_code".equals(grantType)) {
                throw WeChatError.INVALID_GRANT_TYPE.toException();
            }
            return SnsAnswers.token(grants.exchange(code, appid, null));
        });
    }

    @GetMapping("/sns/userinfo")
    Map<String, Object> userInfo(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(required = false) String openid) {
        OAuthGrants.IssuedToken token = grants.token(accessToken);
        return calls.record(token.appId(), "sns/userinfo", () -> {
            if (!"snsapi_userinfo".equals(token.scope())) {
                throw WeChatError.API_UNAUTHORIZED.toException();
            }
            if (!token.openId().equals(openid)) {
                throw WeChatError.INVALID_OPENID.toException();
            }
            return SnsAnswers.userInfo(token.openId());
        });
    }
}
