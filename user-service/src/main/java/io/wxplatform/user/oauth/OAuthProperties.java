package io.wxplatform.user.oauth;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The OAuth broker, {@code wxplatform.user.oauth.*}.
 *
 * @param publicUrl       the platform's public base URL as browsers reach it (the gateway): the callback WeChat
 *                        redirects to is built from it, never from a request's Host (WeChat's 10003 behind proxies)
 * @param authorizeUrl    WeChat's authorize page host ({@code https://open.weixin.qq.com}), the sandbox locally
 * @param stateLifetime   how long a browser may take from the platform's authorize URL back to its callback
 * @param codeLifetime    how long the tenant's backend has to redeem a platform code
 * @param maxRedirectUris entries an account's redirect_uri allowlist may hold
 */
@ConfigurationProperties("wxplatform.user.oauth")
public record OAuthProperties(
        URI publicUrl, URI authorizeUrl, Duration stateLifetime, Duration codeLifetime, int maxRedirectUris) {

    public OAuthProperties {
        publicUrl = publicUrl == null ? URI.create("http://localhost:8080") : publicUrl;
        authorizeUrl = authorizeUrl == null ? URI.create("https://open.weixin.qq.com") : authorizeUrl;
        stateLifetime = stateLifetime == null ? Duration.ofMinutes(10) : stateLifetime;
        codeLifetime = codeLifetime == null ? Duration.ofMinutes(5) : codeLifetime;
        maxRedirectUris = maxRedirectUris <= 0 ? 20 : maxRedirectUris;
    }

    /** Where WeChat sends the browser back for {@code appId}. */
    String callbackUrl(String appId) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/oauth/" + appId + "/callback";
    }
}
