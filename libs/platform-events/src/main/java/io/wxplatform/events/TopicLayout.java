package io.wxplatform.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How each platform topic is laid out on a cluster: the one list that the local platform creates topics from and
 * that deploy/k8s's {@code KafkaTopic} resources are tested against, so the two cannot drift apart.
 *
 * @param name       the topic
 * @param partitions bounds how many consumers of a group work in parallel; inbound order is kept per follower
 * @param compacted  read as a table (latest record per key): Kafka keeps the latest record of every key forever
 * @param retention  how long records are kept when not compacted
 */
public record TopicLayout(String name, int partitions, boolean compacted, Duration retention) {

    /** Every topic of the platform. */
    public static final List<TopicLayout> ALL = List.of(
            // Consumers are idempotent and keep up within minutes; a week covers a long outage of one of them.
            deleted(Topics.INBOUND, 6, Duration.ofDays(7)),
            // Longer than the source: an operator re-publishes after a fix (docs/operations.md).
            deleted(Topics.dlq(Topics.INBOUND), 1, Duration.ofDays(28)),
            // A verify ticket is pushed every 10 minutes and is worthless after 12 hours.
            deleted(Topics.COMPONENT, 1, Duration.ofDays(1)),
            // Every notice carries the account's whole state; directories rebuild from the earliest offset.
            compacted(Topics.ACCOUNT, 3),
            // Rotation notices only make caches drop a token; nobody replays them.
            deleted(Topics.TOKEN, 3, Duration.ofDays(1)),
            // Each record is an account's whole rule set; callback-service rebuilds from the beginning.
            compacted(Topics.REPLY_RULES, 3));

    private static TopicLayout deleted(String name, int partitions, Duration retention) {
        return new TopicLayout(name, partitions, false, retention);
    }

    private static TopicLayout compacted(String name, int partitions) {
        return new TopicLayout(name, partitions, true, null);
    }

    /** The topic-level configuration Kafka is given at creation ({@code cleanup.policy}, {@code retention.ms}). */
    public Map<String, String> config() {
        return compacted
                ? Map.of("cleanup.policy", "compact")
                : Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(retention.toMillis()));
    }
}
