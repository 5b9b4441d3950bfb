package io.wxplatform.wechat.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the WeChat API is and how long a call may take; in a Spring Boot service, {@code wxplatform.wechat.*}.
 *
 * @param baseUrl {@code wxplatform.wechat.base-url}: {@code https://api.weixin.qq.com} (the default) in production,
 *                the sandbox locally
 * @param timeout {@code wxplatform.wechat.timeout}: deadline for one call, connection included (default 5 s); past it
 *                the call fails as {@link ErrorCategory#RETRYABLE}
 */
@ConfigurationProperties("wxplatform.wechat")
public record WeChatClientConfig(
        @DefaultValue("https://api.weixin.qq.com") URI baseUrl,
        @DefaultValue("5s") Duration timeout) {

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
