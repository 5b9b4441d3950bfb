package io.wxplatform.callback.durability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The MongoDB outbox that holds events Kafka did not acknowledge in time.
 *
 * @param writeTimeout   longest wait for an outbox insert before the callback is answered 503
 * @param checkTimeout   longest wait for "does this follower have events waiting?"; past it the outbox is tried first
 * @param relayEnabled   whether this instance relays outbox events to Kafka
 * @param pollInterval   how often the relay looks for waiting events
 * @param lease          how long a claimed event is reserved for one relay; longer than {@code publishTimeout}
 * @param publishTimeout longest wait for Kafka's ack of one relayed event
 * @param batchSize      most events relayed per poll
 * @param trustEmptyFor  how long a probe that found the outbox empty lets callbacks skip the per-follower lookup;
 *                       the outbox is probed three times per period
 */
@ConfigurationProperties("wxplatform.callback.outbox")
public record OutboxProperties(
        Duration writeTimeout,
        Duration checkTimeout,
        boolean relayEnabled,
        Duration pollInterval,
        Duration lease,
        Duration publishTimeout,
        int batchSize,
        Duration trustEmptyFor) {

    public OutboxProperties {
        if (lease.compareTo(publishTimeout) <= 0) {
            throw new IllegalArgumentException(
                    "outbox lease must outlast publish-timeout, or two relays may " + "publish one event at once");
        }
    }
}
