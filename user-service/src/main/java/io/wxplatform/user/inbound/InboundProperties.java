package io.wxplatform.user.inbound;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How this service consumes {@code wx.inbound.v1}; defaults and their reasons live in application.yml. */
@ConfigurationProperties("wxplatform.inbound")
public record InboundProperties(
        String groupId,
        int maxAttempts,
        Duration firstBackoff,
        Duration maxBackoff,
        Duration commitInterval) {
}
