package io.wxplatform.wechat.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Web authorization (网页授权): the authorize URL a browser is sent to, the code exchange (an account's own, or a
 * third-party platform's for an authorized account) and {@code sns/userinfo}. WeChat's codes work once and for 5
 * minutes: a reused one is {@link ErrorCodes#OAUTH_CODE_USED}, an unknown one {@link ErrorCodes#OAUTH_CODE_INVALID}.
 */
public final class OAuthApi {

    /** Where WeChat's authorize page is in production (not the API host). */
    public static final URI AUTHORIZE_BASE = URI.create("https://open.weixin.qq.com");

    public static final String AUTHORIZE = "/connect/oauth2/authorize";
    static final String ACCESS_TOKEN = "/sns/oauth2/access_token";
    static final String COMPONENT_ACCESS_TOKEN = "/sns/oauth2/component/access_token";
    static final String USER_INFO = "/sns/userinfo";
    /** WeChat's limit on the state parameter, in bytes. */
    public static final int STATE_MAX_BYTES = 128;

    private final WeChatRequests requests;

    OAuthApi(WeChatRequests requests) {
        this.requests = requests;
    }

    /**
     * The page WeChat shows the user: {@code base} is {@link #AUTHORIZE_BASE} in production, the sandbox locally;
     * {@code componentAppId} (null for an account's own authorization) names the third-party platform acting for
     * the account. WeChat wants its parameters in this order and the {@code #wechat_redirect} fragment.
     */
    public static String authorizeUrl(
            URI base, String appId, String redirectUri, OAuthScope scope, String state, String componentAppId) {
        if (state == null || state.isEmpty() || state.getBytes(StandardCharsets.UTF_8).length > STATE_MAX_BYTES) {
            throw new WeChatLimitException("state", "state must have 1 to " + STATE_MAX_BYTES + " bytes");
        }
        UriComponentsBuilder url = UriComponentsBuilder.fromUri(base)
                .path(AUTHORIZE)
                .queryParam("appid", appId)
                .queryParam("redirect_uri", redirectUri)
                .queryParam("response_type", "code")
                .queryParam("scope", scope.value())
                .queryParam("state", state);
        if (componentAppId != null) {
            url.queryParam("component_appid", componentAppId);
        }
        return url.fragment("wechat_redirect").encode().build().toUriString();
    }

    /** An account's own exchange, with its AppSecret (so only token-service may call it). */
    public Mono<OAuthToken> exchangeCode(String appId, String appSecret, String code) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("appid", appId);
        query.put("secret", appSecret);
        query.put("code", code);
        query.put("grant_type", "authorization_code");
        return requests.get(appId, ACCESS_TOKEN, query).map(OAuthApi::token);
    }

    /** A third-party platform's exchange for an account that authorized it, with the component_access_token. */
    public Mono<OAuthToken> exchangeCodeAsComponent(
            String appId, String code, String componentAppId, String componentAccessToken) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("appid", appId);
        query.put("code", code);
        query.put("grant_type", "authorization_code");
        query.put("component_appid", componentAppId);
        query.put("component_access_token", componentAccessToken);
        return requests.get(appId, COMPONENT_ACCESS_TOKEN, query).map(OAuthApi::token);
    }

    /** The user's profile; needs a token of an {@code snsapi_userinfo} grant (48001 otherwise). */
    public Mono<OAuthProfile> userInfo(String appId, String oauthAccessToken, String openId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("access_token", oauthAccessToken);
        query.put("openid", openId);
        query.put("lang", "zh_CN");
        return requests.get(appId, USER_INFO, query).map(OAuthApi::profile);
    }

    private static OAuthToken token(JsonNode node) {
        return new OAuthToken(
                node.path("access_token").asString(""),
                Duration.ofSeconds(node.path("expires_in").asLong(0)),
                node.path("openid").asString(""),
                node.path("scope").asString(""),
                text(node, "unionid"),
                node.path("is_snapshotuser").asInt(0) == 1);
    }

    private static OAuthProfile profile(JsonNode node) {
        List<String> privilege = new ArrayList<>();
        node.path("privilege").forEach(p -> privilege.add(p.asString()));
        return new OAuthProfile(
                node.path("openid").asString(""),
                node.path("nickname").asString(""),
                node.path("sex").asInt(0),
                node.path("province").asString(""),
                node.path("city").asString(""),
                node.path("country").asString(""),
                node.path("headimgurl").asString(""),
                privilege,
                text(node, "unionid"));
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asString("");
        return value.isEmpty() ? null : value;
    }
}
