package io.wxplatform.messaging.rules;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Publishing of rule sets on wx.reply-rules.v1. */
@ConfigurationProperties("wxplatform.messaging.rules")
public record RuleProperties(Duration publishTimeout, Duration relayInterval, int maxRulesPerAccount) {}
