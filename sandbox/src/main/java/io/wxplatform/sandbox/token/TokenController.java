package io.wxplatform.sandbox.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /cgi-bin/token} and {@code /cgi-bin/stable_token}. */
@RestController
class TokenController {

    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") long expiresIn) {
        static TokenResponse of(AccountCredentials.Grant grant) {
            return new TokenResponse(grant.accessToken(), grant.expiresIn());
        }
    }

    private final AccountRegistry accounts;
    private final TokenStore tokens;
    private final WeChatJson json;
    private final ApiCallLog calls;

    TokenController(AccountRegistry accounts, TokenStore tokens, WeChatJson json, ApiCallLog calls) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.json = json;
        this.calls = calls;
    }

    @GetMapping("/cgi-bin/token")
    TokenResponse token(
            @RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(required = false) String appid,
            @RequestParam(required = false) String secret) {
        return calls.record(appid, "token", () -> {
            Account account = authenticate(grantType, appid, secret);
            return TokenResponse.of(tokens.fetch(account.appId()));
        });
    }

    @PostMapping("/cgi-bin/stable_token")
    TokenResponse stableToken(@RequestBody(required = false) String body) {
        Map<String, Object> request = json.object(body);
        String appId = WeChatJson.text(request, "appid");
        return calls.record(appId, "stable_token", () -> {
            Account account =
                    authenticate(WeChatJson.text(request, "grant_type"), appId, WeChatJson.text(request, "secret"));
            boolean force = "true".equalsIgnoreCase(WeChatJson.text(request, "force_refresh"));
            return TokenResponse.of(tokens.stable(account.appId(), force));
        });
    }

    private Account authenticate(String grantType, String appId, String secret) {
        if (WeChatJson.isBlank(appId)) {
            throw WeChatError.APPID_MISSING.toException();
        }
        if (WeChatJson.isBlank(secret)) {
            throw WeChatError.APPSECRET_MISSING.toException();
        }
        if (!"client_credential".equals(grantType)) {
            throw WeChatError.INVALID_GRANT_TYPE.toException();
        }
        Account account = accounts.find(appId).orElseThrow(WeChatError.INVALID_APPID::toException);
        if (!account.secretMatches(secret)) {
            throw WeChatError.INVALID_APPSECRET.toException();
        }
        return account;
    }
}
