package io.wxplatform.messaging.window;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * WeChat's customer-service window (wechat-protocol.md §3): a follower's message allows {@code sendsPerMessage}
 * sends within {@code messageWindow}; a menu click, subscribe or QR scan allows {@code sendsPerEvent} within {@code
 * eventWindow}. Configuration, since WeChat changed these numbers before.
 */
@ConfigurationProperties("wxplatform.messaging.window")
public record WindowProperties(Duration messageWindow, int sendsPerMessage, Duration eventWindow, int sendsPerEvent) {}
