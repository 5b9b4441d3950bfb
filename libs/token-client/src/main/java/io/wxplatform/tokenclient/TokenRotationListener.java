package io.wxplatform.tokenclient;

import io.wxplatform.events.EventJson;
import io.wxplatform.events.InvalidEventException;
import io.wxplatform.events.TokenRotated;
import io.wxplatform.events.Topics;
import io.wxplatform.support.kafka.Failures;
import io.wxplatform.support.kafka.TopicConsumer;
import io.wxplatform.support.kafka.TopicConsumers;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Optional: feeds {@code TokenRotated} notices from {@code wx.token.v1} into {@link TokenClient#onRotated}, so a
 * token replaced by token-service's scheduler is dropped from the local cache before callers meet a stale one.
 * Every instance reads all partitions in a consumer group of its own, from the latest offset (a notice older than
 * the instance concerns a cache it never had): platform-support's {@link TopicConsumers#broadcast}. Needs
 * platform-events, platform-support and spring-kafka on the classpath (optional dependencies of token-client). Start
 * it once per process and close it on shutdown.
 */
public final class TokenRotationListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TokenRotationListener.class);

    private final TopicConsumers consumers;
    private final TopicConsumer consumer;

    private TokenRotationListener(TokenClient client, TopicConsumers consumers, String groupId) {
        this.consumers = consumers;
        this.consumer =
                consumers.broadcast(Topics.TOKEN, groupId, record -> handle(client, record), Failures.skipAtOnce());
        consumer.start();
    }

    /**
     * @param service a name for the consumer group ({@code <service>-token-rotations-<random>}), e.g. the
     *                application name
     */
    public static TokenRotationListener start(TokenClient client, String bootstrapServers, String service) {
        return new TokenRotationListener(
                client, TopicConsumers.of(bootstrapServers), service + "-token-rotations-" + UUID.randomUUID());
    }

    /** True once partitions are assigned and positioned: notices published from then on are seen. */
    public boolean isAssigned() {
        return consumer.isAssigned();
    }

    private static Mono<Void> handle(TokenClient client, ConsumerRecord<String, byte[]> record) {
        try {
            TokenRotated rotated = EventJson.read(record.value(), TokenRotated.class);
            if (TokenRotated.ACCESS_TOKEN.equals(rotated.credential())) {
                client.onRotated(rotated.appId(), rotated.version());
            }
        } catch (InvalidEventException e) {
            log.warn("Skipping an unreadable notice on {} at offset {}", Topics.TOKEN, record.offset());
        }
        return Mono.empty();
    }

    @Override
    public void close() {
        consumer.close();
        consumers.close();
    }
}
