package io.wxplatform.messaging.send;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("wxplatform.wechat")
public record WeChatProperties(URI baseUrl, Duration timeout) {
}
