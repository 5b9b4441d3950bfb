package io.wxplatform.messaging.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keeping temporary media fresh: every {@code refreshInterval} the refresher re-uploads the kept-fresh assets whose
 * media_id expires within {@code refreshAhead}, at most {@code refreshBatch} per round, each claimed for
 * {@code refreshLease} so that two replicas never re-upload the same asset at once.
 */
@ConfigurationProperties("wxplatform.messaging.media")
public record MediaProperties(
        Duration refreshInterval, Duration refreshAhead, Duration refreshLease, int refreshBatch) {}
