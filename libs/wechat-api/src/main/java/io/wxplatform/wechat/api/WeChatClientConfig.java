package io.wxplatform.wechat.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * @param baseUrl {@code https://api.weixin.qq.com} in production, the sandbox locally
 * @param timeout deadline for one call, connection included; past it the call fails as {@link ErrorCategory#RETRYABLE}
 */
public record WeChatClientConfig(URI baseUrl, Duration timeout) {

    public static final URI PRODUCTION = URI.create("https://api.weixin.qq.com");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public WeChatClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static WeChatClientConfig of(String baseUrl) {
        return new WeChatClientConfig(URI.create(baseUrl), DEFAULT_TIMEOUT);
    }

    public static WeChatClientConfig production() {
        return new WeChatClientConfig(PRODUCTION, DEFAULT_TIMEOUT);
    }

    public WeChatClientConfig withTimeout(Duration timeout) {
        return new WeChatClientConfig(baseUrl, timeout);
    }
}
