package io.wxplatform.support.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lease     how long a claim stays exclusive; a consumer that crashed mid-effect is taken over after it, so it
 *                  must exceed the slowest effect
 * @param retention how long processed ids are remembered (the {@code expiresAt} of ledger entries); longer than any
 *                  redelivery we expect, WeChat retries within seconds
 * @param ttlIndex  whether to create the TTL index that deletes expired entries; correctness never depends on it
 */
@ConfigurationProperties("wxplatform.idempotency")
public record EventLedgerProperties(
        @DefaultValue("60s") Duration lease,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("true") boolean ttlIndex) {}
