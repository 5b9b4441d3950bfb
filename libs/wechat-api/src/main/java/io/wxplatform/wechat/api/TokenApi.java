package io.wxplatform.wechat.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Access tokens: {@code /cgi-bin/stable_token} (preferred) and {@code /cgi-bin/token}. */
public final class TokenApi {

    static final String STABLE_TOKEN = "/cgi-bin/stable_token";
    static final String TOKEN = "/cgi-bin/token";

    private final WeChatRequests requests;

    TokenApi(WeChatRequests requests) {
        this.requests = requests;
    }

    /**
     * Normal mode returns the same token until 5 minutes before it expires; {@code forceRefresh} issues a new one
     * (rationed by WeChat: 20 a day, 30 s apart).
     */
    public Mono<AccessToken> stableToken(String appId, String secret, boolean forceRefresh) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_type", "client_credential");
        body.put("appid", appId);
        body.put("secret", secret);
        body.put("force_refresh", forceRefresh);
        return requests.post(appId, STABLE_TOKEN, Map.of(), body)
                .flatMap(node -> accessToken(appId, STABLE_TOKEN, node));
    }

    /** The classic endpoint: every call issues a new token and invalidates the previous one after 5 minutes. */
    public Mono<AccessToken> token(String appId, String secret) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("grant_type", "client_credential");
        query.put("appid", appId);
        query.put("secret", secret);
        return requests.get(appId, TOKEN, query).flatMap(node -> accessToken(appId, TOKEN, node));
    }

    private Mono<AccessToken> accessToken(String appId, String api, JsonNode node) {
        String value = node.path("access_token").asString("");
        long expiresIn = node.path("expires_in").asLong(0);
        if (value.isEmpty() || expiresIn <= 0) {
            return Mono.error(requests.unexpected(appId, api, "answer without access_token/expires_in"));
        }
        return Mono.just(new AccessToken(value, Duration.ofSeconds(expiresIn)));
    }
}
