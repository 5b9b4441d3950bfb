package io.wxplatform.messaging.send;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Retries of one WeChat send that failed with a retryable error (system busy, timeouts, 5xx). */
@ConfigurationProperties("wxplatform.messaging.send")
public record SendProperties(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {}
