package io.wxplatform.sandbox.component;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.oauth.OAuthGrants;
import io.wxplatform.sandbox.oauth.SnsAnswers;
import io.wxplatform.sandbox.web.WeChatError;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code sns/oauth2/component/access_token}: a third-party platform exchanges a web-authorization code for an
 * account that authorized it, with its component_access_token (40001 for another component's token, 40029 for a
 * code the page gave without this {@code component_appid}).
 */
@RestController
class SnsComponentController {

    private final ComponentRegistry components;
    private final AccountRegistry accounts;
    private final OAuthGrants grants;
    private final ApiCallLog calls;

    SnsComponentController(
            ComponentRegistry components, AccountRegistry accounts, OAuthGrants grants, ApiCallLog calls) {
        this.components = components;
        this.accounts = accounts;
        this.grants = grants;
        this.calls = calls;
    }

    @GetMapping("/sns/oauth2/component/access_token")
    Map<String, Object> accessToken(
            @RequestParam(required = false) String appid,
            @RequestParam(required = false) String code,
            @RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "component_appid", required = false) String componentAppId,
            @RequestParam(name = "component_access_token", required = false) String componentAccessToken) {
        return calls.record(appid, "sns/oauth2/component/access_token", () -> {
            SimulatedComponent component = components.componentOf(componentAccessToken, componentAppId);
            Account account = accounts.find(appid).orElseThrow(WeChatError.INVALID_APPID::toException);
            if (!component.config().componentAppId().equals(account.componentAppId())) {
                throw WeChatError.API_UNAUTHORIZED.toException();
            }
            if (!"authorization_code".equals(grantType)) {
                throw WeChatError.INVALID_GRANT_TYPE.toException();
            }
            return SnsAnswers.token(grants.exchange(code, appid, componentAppId));
        });
    }
}
