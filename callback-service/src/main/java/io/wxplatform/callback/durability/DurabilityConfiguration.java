package io.wxplatform.callback.durability;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.events.KafkaDefaults;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Where events become durable: the platform's idempotent, acks=all producer (tuned so a missing broker is noticed
 * within the callback budget), and the outbox in this service's MongoDB database ({@code wxplatform.mongodb.database})
 * with its relay.
 */
@Configuration(proxyBeanMethods = false)
class DurabilityConfiguration {

    @Bean
    ProducerFactory<String, byte[]> inboundProducerFactory(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, CallbackProperties properties) {
        Map<String, Object> config = KafkaDefaults.producer(bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "callback-service");
        // A send() stuck waiting for metadata gives up inside the Kafka budget, so the callback still has time
        // for the outbox instead of outliving its deadline.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.kafkaBudget().toMillis() * 4 / 5);
        // Every callback's answer waits for its ack, so it should not also wait out the platform's 5 ms linger for
        // company: under load records still batch behind the produce requests in flight.
        config.put(
                ProducerConfig.LINGER_MS_CONFIG, (int) properties.kafkaLinger().toMillis());
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    KafkaTemplate<String, byte[]> inboundKafkaTemplate(ProducerFactory<String, byte[]> inboundProducerFactory) {
        return new KafkaTemplate<>(inboundProducerFactory);
    }

    @Bean
    KafkaSender kafkaSender(KafkaTemplate<String, byte[]> inboundKafkaTemplate, Clock clock) {
        return new KafkaSender(inboundKafkaTemplate, clock);
    }

    @Bean
    OutboxStore outboxStore(MongoDatabase database) {
        return new OutboxStore(database);
    }

    @Bean
    OutboxEmptiness outboxEmptiness(OutboxProperties properties, Clock clock) {
        return new OutboxEmptiness(clock, properties.trustEmptyFor());
    }

    @Bean
    OutboxRelay outboxRelay(
            OutboxStore outboxStore,
            KafkaSender kafkaSender,
            OutboxProperties properties,
            OutboxEmptiness outboxEmptiness,
            Clock clock,
            MeterRegistry meters) {
        return new OutboxRelay(outboxStore, kafkaSender, properties, outboxEmptiness, clock, meters);
    }
}
