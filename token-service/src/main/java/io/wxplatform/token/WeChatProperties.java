package io.wxplatform.token;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param baseUrl {@code https://api.weixin.qq.com}, or the sandbox
 * @param timeout deadline of one WeChat call
 */
@ConfigurationProperties("wxplatform.wechat")
public record WeChatProperties(URI baseUrl, Duration timeout) {
}
