package io.wxplatform.wechat.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The third-party platform (component) APIs, {@code /cgi-bin/component/…}: the platform's own token, the
 * authorization flow, and authorizer tokens. 61005/61006 (ticket expired or invalid) arrive as
 * {@link ErrorCategory#COMPONENT_TICKET}, 61023 (refresh token invalid) as {@link ErrorCategory#CONFIGURATION}.
 */
public final class ComponentApi {

    static final String COMPONENT_TOKEN = "/cgi-bin/component/api_component_token";
    static final String CREATE_PREAUTHCODE = "/cgi-bin/component/api_create_preauthcode";
    static final String QUERY_AUTH = "/cgi-bin/component/api_query_auth";
    static final String AUTHORIZER_TOKEN = "/cgi-bin/component/api_authorizer_token";
    static final String AUTHORIZER_INFO = "/cgi-bin/component/api_get_authorizer_info";
    static final String LOGIN_PAGE = "/cgi-bin/componentloginpage";
    /** Where account owners approve an authorization in production. */
    public static final String MP_BASE_URL = "https://mp.weixin.qq.com";

    private final WeChatRequests requests;

    ComponentApi(WeChatRequests requests) {
        this.requests = requests;
    }

    /** Needs the last component_verify_ticket WeChat pushed (valid 12 hours). */
    public Mono<ComponentToken> componentToken(String componentAppId, String componentAppSecret, String verifyTicket) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("component_appid", componentAppId);
        body.put("component_appsecret", componentAppSecret);
        body.put("component_verify_ticket", verifyTicket);
        return requests.post(componentAppId, COMPONENT_TOKEN, Map.of(), body)
                .flatMap(node -> required(componentAppId, COMPONENT_TOKEN, node, "component_access_token")
                        .map(value -> new ComponentToken(value, expiresIn(node))));
    }

    public Mono<PreAuthCode> createPreAuthCode(String componentAccessToken, String componentAppId) {
        return requests.post(
                        componentAppId,
                        CREATE_PREAUTHCODE,
                        withToken(componentAccessToken),
                        Map.of("component_appid", componentAppId))
                .flatMap(node -> required(componentAppId, CREATE_PREAUTHCODE, node, "pre_auth_code")
                        .map(value -> new PreAuthCode(value, expiresIn(node))));
    }

    /** Exchanges the single-use authorization code (from the redirect or the {@code authorized} push). */
    public Mono<Authorization> queryAuth(String componentAccessToken, String componentAppId, String authorizationCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("component_appid", componentAppId);
        body.put("authorization_code", authorizationCode);
        return requests.post(componentAppId, QUERY_AUTH, withToken(componentAccessToken), body)
                .flatMap(node -> authorization(componentAppId, node.path("authorization_info")));
    }

    /** A new authorizer access token; the answer's refresh token replaces the one sent (WeChat may rotate it). */
    public Mono<AuthorizerToken> authorizerToken(
            String componentAccessToken, String componentAppId, String authorizerAppId, String refreshToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("component_appid", componentAppId);
        body.put("authorizer_appid", authorizerAppId);
        body.put("authorizer_refresh_token", refreshToken);
        return requests.post(authorizerAppId, AUTHORIZER_TOKEN, withToken(componentAccessToken), body)
                .flatMap(node -> authorizerToken(authorizerAppId, refreshToken, node));
    }

    /** The account's type, verification, permissions and current refresh token. */
    public Mono<AuthorizerInfo> authorizerInfo(
            String componentAccessToken, String componentAppId, String authorizerAppId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("component_appid", componentAppId);
        body.put("authorizer_appid", authorizerAppId);
        return requests.post(authorizerAppId, AUTHORIZER_INFO, withToken(componentAccessToken), body)
                .flatMap(node -> authorizerInfo(authorizerAppId, node));
    }

    /**
     * The page where the account owner approves the platform ({@link #MP_BASE_URL} in production); WeChat then sends
     * the browser to {@code redirectUri?auth_code=…&expires_in=600}.
     *
     * @param authType 1 official accounts only, 2 mini programs only, 3 both
     */
    public static String loginPageUrl(
            String mpBaseUrl, String componentAppId, String preAuthCode, String redirectUri, int authType) {
        String base = mpBaseUrl.endsWith("/") ? mpBaseUrl.substring(0, mpBaseUrl.length() - 1) : mpBaseUrl;
        return base + LOGIN_PAGE + "?component_appid=" + encode(componentAppId)
                + "&pre_auth_code=" + encode(preAuthCode)
                + "&redirect_uri=" + encode(redirectUri)
                + "&auth_type=" + authType;
    }

    private Mono<Authorization> authorization(String componentAppId, JsonNode info) {
        String appId = info.path("authorizer_appid").asString("");
        String accessToken = info.path("authorizer_access_token").asString("");
        String refreshToken = info.path("authorizer_refresh_token").asString("");
        if (appId.isEmpty()
                || accessToken.isEmpty()
                || refreshToken.isEmpty()
                || expiresIn(info).isZero()) {
            return Mono.error(requests.unexpected(componentAppId, QUERY_AUTH, "answer without authorization_info"));
        }
        return Mono.just(new Authorization(appId, accessToken, expiresIn(info), refreshToken, funcScopes(info)));
    }

    private Mono<AuthorizerToken> authorizerToken(String authorizerAppId, String sentRefreshToken, JsonNode node) {
        String accessToken = node.path("authorizer_access_token").asString("");
        if (accessToken.isEmpty() || expiresIn(node).isZero()) {
            return Mono.error(requests.unexpected(
                    authorizerAppId, AUTHORIZER_TOKEN, "answer without authorizer_access_token/expires_in"));
        }
        // Without a rotated token in the answer, the one sent stays valid.
        String refreshToken = node.path("authorizer_refresh_token").asString(sentRefreshToken);
        return Mono.just(new AuthorizerToken(
                accessToken, expiresIn(node), refreshToken.isEmpty() ? sentRefreshToken : refreshToken));
    }

    private Mono<AuthorizerInfo> authorizerInfo(String authorizerAppId, JsonNode node) {
        JsonNode info = node.path("authorizer_info");
        JsonNode authorization = node.path("authorization_info");
        if (!info.isObject()) {
            return Mono.error(requests.unexpected(authorizerAppId, AUTHORIZER_INFO, "answer without authorizer_info"));
        }
        return Mono.just(new AuthorizerInfo(
                authorization.path("authorizer_appid").asString(authorizerAppId),
                info.path("nick_name").asString(""),
                info.path("service_type_info").path("id").asInt(0),
                info.path("verify_type_info").path("id").asInt(-1),
                info.path("user_name").asString(""),
                info.path("alias").asString(""),
                authorization.path("authorizer_refresh_token").asString(""),
                funcScopes(authorization)));
    }

    private Mono<String> required(String appId, String api, JsonNode node, String field) {
        String value = node.path(field).asString("");
        if (value.isEmpty() || expiresIn(node).isZero()) {
            return Mono.error(requests.unexpected(appId, api, "answer without " + field + "/expires_in"));
        }
        return Mono.just(value);
    }

    private static List<Integer> funcScopes(JsonNode authorizationInfo) {
        List<Integer> scopes = new ArrayList<>();
        for (JsonNode func : authorizationInfo.path("func_info")) {
            int id = func.path("funcscope_category").path("id").asInt(0);
            if (id != 0) {
                scopes.add(id);
            }
        }
        return scopes;
    }

    private static Duration expiresIn(JsonNode node) {
        return Duration.ofSeconds(Math.max(0, node.path("expires_in").asLong(0)));
    }

    private static Map<String, String> withToken(String componentAccessToken) {
        return Map.of("component_access_token", componentAccessToken);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
