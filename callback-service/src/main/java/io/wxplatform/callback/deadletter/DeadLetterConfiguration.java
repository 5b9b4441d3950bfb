package io.wxplatform.callback.deadletter;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.KafkaDefaults;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The operator's dead-letter tools: a group-less reader of the {@code .dlq} topics and a re-publisher that sends
 * with this service's idempotent, acks=all producer and records each re-publish in this service's MongoDB.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /** Longest wait for one Kafka read or send of an operator's request; the gateway waits longer. */
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    DeadLetterReader deadLetterReader(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        Map<String, Object> config = KafkaDefaults.consumer();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Asking for a topic that does not exist must not create it.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new DeadLetterReader(new DefaultKafkaConsumerFactory<>(config), KAFKA_TIMEOUT);
    }

    @Bean
    Republications republications(MongoDatabase database) {
        return new Republications(database);
    }

    @Bean
    DeadLetterRepublisher deadLetterRepublisher(
            DeadLetterReader deadLetterReader,
            Republications republications,
            KafkaTemplate<String, byte[]> inboundKafkaTemplate,
            Clock clock) {
        return new DeadLetterRepublisher(deadLetterReader, republications, inboundKafkaTemplate, clock, KAFKA_TIMEOUT);
    }
}
