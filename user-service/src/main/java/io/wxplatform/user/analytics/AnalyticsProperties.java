package io.wxplatform.user.analytics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxDays      the longest range one request may ask for (days, both ends included)
 * @param settledAfter how long after a day's end (China time) WeChat's figures for it are final and are stored; a day
 *                     asked for earlier is fetched but not kept (WeChat: query the previous day after 08:00)
 */
@ConfigurationProperties("wxplatform.user.analytics")
record AnalyticsProperties(
        @DefaultValue("366") int maxDays,
        @DefaultValue("8h") Duration settledAfter) {}
