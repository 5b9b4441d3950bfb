package io.wxplatform.tokenclient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.wxplatform.events.EventJson;
import io.wxplatform.events.InvalidEventException;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.TokenRotated;
import io.wxplatform.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverPartition;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.util.retry.Retry;

/**
 * Optional: feeds {@code TokenRotated} notices from {@code wx.token.v1} into {@link TokenClient#onRotated}, so a
 * token replaced by token-service's scheduler is dropped from the local cache before callers meet a stale one.
 * Every instance reads all partitions in a consumer group of its own, from the latest offset (a notice older than
 * the instance concerns a cache it never had). Needs platform-events and reactor-kafka on the classpath (optional
 * dependencies of token-client). Start it once per process and close it on shutdown.
 */
public final class TokenRotationListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TokenRotationListener.class);

    private final Disposable subscription;
    private final AtomicBoolean assigned = new AtomicBoolean();

    private TokenRotationListener(TokenClient client, ReceiverOptions<String, byte[]> options) {
        ReceiverOptions<String, byte[]> withAssignment = options
                .addAssignListener(partitions -> {
                    // Resolve "latest" now (on the consumer thread), so nothing published after this is skipped.
                    partitions.forEach(ReceiverPartition::position);
                    assigned.set(!partitions.isEmpty());
                })
                .addRevokeListener(partitions -> assigned.set(false));
        this.subscription = KafkaReceiver.create(withAssignment).receive()
                .doOnNext(record -> handle(client, record))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(retry -> log.warn("Token rotation listener failed, reconnecting: {}",
                                retry.failure().toString())))
                .subscribe();
    }

    /**
     * @param service a name for the consumer group ({@code <service>-token-rotations-<random>}), e.g. the
     *                application name
     */
    public static TokenRotationListener start(TokenClient client, String bootstrapServers, String service) {
        Map<String, Object> config = KafkaDefaults.consumer(bootstrapServers,
                service + "-token-rotations-" + UUID.randomUUID());
        // Only notices from now on matter; the group is new on every start.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return new TokenRotationListener(client, ReceiverOptions.<String, byte[]>create(config)
                .subscription(List.of(Topics.TOKEN)));
    }

    /** True once partitions are assigned and positioned: notices published from then on are seen. */
    public boolean isAssigned() {
        return assigned.get();
    }

    private static void handle(TokenClient client, ReceiverRecord<String, byte[]> record) {
        try {
            TokenRotated rotated = EventJson.read(record.value(), TokenRotated.class);
            if (TokenRotated.ACCESS_TOKEN.equals(rotated.credential())) {
                client.onRotated(rotated.appId(), rotated.version());
            }
        } catch (InvalidEventException e) {
            log.warn("Skipping an unreadable notice on {} at offset {}", Topics.TOKEN, record.offset());
        }
        record.receiverOffset().acknowledge();
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
