package io.wxplatform.messaging.send;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Customer-service sends: retries of one attempt on retryable WeChat errors ({@code maxAttempts}, {@code
 * firstBackoff}, {@code maxBackoff}); the claim an attempt holds ({@code lease}, longer than all retries of one
 * attempt); how often stored sends nobody holds are resumed ({@code resumeInterval}, also at start-up) and how many at
 * a time ({@code resumeBatch}); when a send whose attempt failed outside WeChat is tried again ({@code retryDelay});
 * and at most {@code perAccountRate} sends per second per account (0 = unpaced).
 */
@ConfigurationProperties("wxplatform.messaging.send")
public record SendProperties(
        int maxAttempts,
        Duration firstBackoff,
        Duration maxBackoff,
        Duration lease,
        Duration resumeInterval,
        int resumeBatch,
        Duration retryDelay,
        double perAccountRate) {}
