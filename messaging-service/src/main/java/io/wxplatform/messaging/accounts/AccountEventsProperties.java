package io.wxplatform.messaging.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The consumer of wx.account.v1 that keeps the {@code accounts} collection. */
@ConfigurationProperties("wxplatform.messaging.accounts")
public record AccountEventsProperties(String groupId, Duration firstBackoff, Duration maxBackoff) {
}
