package io.wxplatform.sandbox.token;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** WeChat's access_token rules; defaults (WeChat's values) are in application.yml. */
@ConfigurationProperties("sandbox.token")
public record TokenProperties(
        Duration lifetime,
        Duration previousGrace,
        int dailyQuota,
        int stableDailyQuota,
        Duration stableRefreshAhead,
        int forceRefreshDailyLimit,
        Duration forceRefreshMinInterval,
        ZoneId quotaZone) {}
