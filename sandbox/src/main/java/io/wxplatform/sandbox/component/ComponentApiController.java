package io.wxplatform.sandbox.component;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.account.AccountType;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat's component APIs, {@code /cgi-bin/component/…}. Calls are logged under the component's appid, or the
 * authorizer's when the call is about one account (query_auth, authorizer_token, get_authorizer_info).
 */
@RestController
@RequestMapping("/cgi-bin/component")
class ComponentApiController {

    private static final String API = "component/";

    private final ComponentRegistry registry;
    private final AccountRegistry accounts;
    private final ComponentProperties props;
    private final WeChatJson json;
    private final ApiCallLog calls;
    private final Clock clock;

    ComponentApiController(
            ComponentRegistry registry,
            AccountRegistry accounts,
            ComponentProperties props,
            WeChatJson json,
            ApiCallLog calls,
            Clock clock) {
        this.registry = registry;
        this.accounts = accounts;
        this.props = props;
        this.json = json;
        this.calls = calls;
        this.clock = clock;
    }

    /** Needs the right secret and a ticket pushed within its validity (12 h): 61006 unknown, 61005 too old. */
    @PostMapping("/api_component_token")
    Map<String, Object> componentToken(@RequestBody(required = false) String body) {
        Map<String, Object> request = json.object(body);
        String componentAppId = WeChatJson.text(request, "component_appid");
        return calls.record(componentAppId, API + "api_component_token", () -> {
            if (WeChatJson.isBlank(componentAppId)) {
                throw WeChatError.APPID_MISSING.toException();
            }
            SimulatedComponent component =
                    registry.find(componentAppId).orElseThrow(WeChatError.INVALID_APPID::toException);
            if (!component.secretMatches(WeChatJson.text(request, "component_appsecret"))) {
                throw WeChatError.INVALID_APPSECRET.toException();
            }
            component.checkTicket(
                    WeChatJson.text(request, "component_verify_ticket"), clock.instant(), props.ticketValidity());
            return answer(
                    "component_access_token",
                    registry.issueComponentToken(componentAppId, props.tokenLifetime()),
                    "expires_in",
                    props.tokenLifetime().toSeconds());
        });
    }

    @PostMapping("/api_create_preauthcode")
    Map<String, Object> createPreAuthCode(
            @RequestParam(name = "component_access_token", required = false) String token,
            @RequestBody(required = false) String body) {
        Map<String, Object> request = json.object(body);
        String componentAppId = WeChatJson.text(request, "component_appid");
        return calls.record(componentAppId, API + "api_create_preauthcode", () -> {
            SimulatedComponent component = registry.componentOf(token, componentAppId);
            String code = component.newPreAuthCode(clock.instant(), props.preAuthCodeLifetime());
            return answer(
                    "pre_auth_code",
                    code,
                    "expires_in",
                    props.preAuthCodeLifetime().toSeconds());
        });
    }

    /** Exchanges a single-use authorization code for the account's first access token and its refresh token. */
    @PostMapping("/api_query_auth")
    Map<String, Object> queryAuth(
            @RequestParam(name = "component_access_token", required = false) String token,
            @RequestBody(required = false) String body) {
        Map<String, Object> request = json.object(body);
        String componentAppId = WeChatJson.text(request, "component_appid");
        String authCode = WeChatJson.text(request, "authorization_code");
        String logAs = registry.find(componentAppId)
                .flatMap(c -> c.authorizerOfCode(authCode))
                .orElse(componentAppId);
        return calls.record(logAs, API + "api_query_auth", () -> {
            SimulatedComponent component = registry.componentOf(token, componentAppId);
            SimulatedComponent.Authorizer authorizer = component.redeem(authCode, clock.instant());
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("authorizer_appid", authorizer.appId());
            info.put(
                    "authorizer_access_token",
                    registry.issueAuthorizerToken(
                            component.appId(), authorizer.appId(), props.authorizerTokenLifetime()));
            info.put("expires_in", props.authorizerTokenLifetime().toSeconds());
            info.put("authorizer_refresh_token", authorizer.refreshToken());
            info.put("func_info", funcInfo(authorizer.funcScopes()));
            return Map.of("authorization_info", info);
        });
    }

    /** A new access token for an authorized account; rotates the refresh token unless configured not to. */
    @PostMapping("/api_authorizer_token")
    Map<String, Object> authorizerToken(
            @RequestParam(name = "component_access_token", required = false) String token,
            @RequestBody(required = false) String body) {
        Map<String, Object> request = json.object(body);
        String authorizerAppId = WeChatJson.text(request, "authorizer_appid");
        return calls.record(authorizerAppId, API + "api_authorizer_token", () -> {
            SimulatedComponent component = registry.componentOf(token, WeChatJson.text(request, "component_appid"));
            String refreshToken = component.refresh(
                    authorizerAppId, WeChatJson.text(request, "authorizer_refresh_token"), props.rotateRefreshToken());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put(
                    "authorizer_access_token",
                    registry.issueAuthorizerToken(component.appId(), authorizerAppId, props.authorizerTokenLifetime()));
            answer.put("expires_in", props.authorizerTokenLifetime().toSeconds());
            answer.put("authorizer_refresh_token", refreshToken);
            return answer;
        });
    }

    /** The account's type, verification and permissions, and its CURRENT refresh token. */
    @PostMapping("/api_get_authorizer_info")
    Map<String, Object> authorizerInfo(
            @RequestParam(name = "component_access_token", required = false) String token,
            @RequestBody(required = false) String body) {
        Map<String, Object> request = json.object(body);
        String authorizerAppId = WeChatJson.text(request, "authorizer_appid");
        return calls.record(authorizerAppId, API + "api_get_authorizer_info", () -> {
            SimulatedComponent component = registry.componentOf(token, WeChatJson.text(request, "component_appid"));
            SimulatedComponent.Authorizer authorizer = component.activeAuthorizer(authorizerAppId);
            Map<String, Object> authorization = new LinkedHashMap<>();
            authorization.put("authorizer_appid", authorizer.appId());
            authorization.put("authorizer_refresh_token", authorizer.refreshToken());
            authorization.put("func_info", funcInfo(authorizer.funcScopes()));
            return Map.of(
                    "authorizer_info",
                    authorizerInfo(accounts.find(authorizerAppId)),
                    "authorization_info",
                    authorization);
        });
    }

    private static Map<String, Object> authorizerInfo(Optional<Account> account) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("nick_name", account.map(Account::name).orElse(""));
        info.put("head_img", "");
        boolean service = account.map(a -> a.type() == AccountType.SERVICE).orElse(true);
        info.put("service_type_info", Map.of("id", service ? 2 : 0));
        info.put("verify_type_info", Map.of("id", account.map(Account::verified).orElse(true) ? 0 : -1));
        info.put("user_name", account.map(Account::originalId).orElse(""));
        info.put("principal_name", "");
        info.put("alias", "");
        info.put(
                "business_info",
                Map.of("open_store", 0, "open_scan", 0, "open_pay", 0, "open_card", 0, "open_shake", 0));
        info.put("qrcode_url", "");
        return info;
    }

    private static List<Map<String, Object>> funcInfo(List<Integer> scopes) {
        return scopes.stream()
                .map(id -> Map.<String, Object>of("funcscope_category", Map.of("id", id)))
                .toList();
    }

    private static Map<String, Object> answer(String key, Object value, String key2, Object value2) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(key, value);
        answer.put(key2, value2);
        return answer;
    }
}
