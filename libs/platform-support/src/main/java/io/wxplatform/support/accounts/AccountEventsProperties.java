package io.wxplatform.support.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The consumer of wx.account.v1 that keeps a service's {@code accounts} collection. Setting {@code group-id} is what
 * turns the account directory on ({@link AccountDirectoryAutoConfiguration}).
 *
 * @param groupId      Kafka consumer group, the service's own (e.g. {@code user-service-accounts})
 * @param firstBackoff first wait before storing a notice again after a MongoDB failure, or reconnecting; doubles
 *                     each time (default 500ms)
 * @param maxBackoff   longest such wait (default 10s); the consumer never skips a readable notice
 */
@ConfigurationProperties("wxplatform.accounts.directory")
public record AccountEventsProperties(String groupId, Duration firstBackoff, Duration maxBackoff) {

    public AccountEventsProperties {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("wxplatform.accounts.directory.group-id must not be blank");
        }
        firstBackoff = firstBackoff == null ? Duration.ofMillis(500) : firstBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(10) : maxBackoff;
    }
}
