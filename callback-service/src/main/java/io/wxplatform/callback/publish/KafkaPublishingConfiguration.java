package io.wxplatform.callback.publish;

import java.util.Map;

import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.events.KafkaDefaults;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/** The platform's idempotent, acks=all producer, tuned so a missing broker is noticed within the callback budget. */
@Configuration(proxyBeanMethods = false)
class KafkaPublishingConfiguration {

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
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    KafkaTemplate<String, byte[]> inboundKafkaTemplate(ProducerFactory<String, byte[]> inboundProducerFactory) {
        return new KafkaTemplate<>(inboundProducerFactory);
    }
}
