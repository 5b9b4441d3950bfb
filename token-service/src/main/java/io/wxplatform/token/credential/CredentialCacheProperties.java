package io.wxplatform.token.credential;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The per-replica cache of servable credentials ({@link CredentialCache}).
 *
 * @param maxAge  an entry is read from MongoDB again after this long at the latest: the safety net for a missed
 *                rotation or account notice (the notices themselves invalidate at once)
 * @param maxSize credentials one replica keeps at most (least recently used go first)
 */
@ConfigurationProperties("wxplatform.credentials.cache")
record CredentialCacheProperties(Duration maxAge, long maxSize) {}
