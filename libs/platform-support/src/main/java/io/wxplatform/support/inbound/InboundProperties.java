package io.wxplatform.support.inbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service consumes {@code wx.inbound.v1}; defaults and their reasons live in each service's application.yml.
 * Offsets are committed after each poll's records were dealt with, so there is no commit interval to set.
 */
@ConfigurationProperties("wxplatform.inbound")
public record InboundProperties(String groupId, int maxAttempts, Duration firstBackoff, Duration maxBackoff) {}
