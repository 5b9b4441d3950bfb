package io.wxplatform.token;

import io.wxplatform.events.KafkaDefaults;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

@Configuration(proxyBeanMethods = false)
class TokenServiceConfiguration {

    /** The platform's idempotent acks=all producer settings, not Boot's defaults. */
    @Bean
    ProducerFactory<String, byte[]> producerFactory(KafkaProperties kafka) {
        return new DefaultKafkaProducerFactory<>(KafkaDefaults.producer(String.join(",", kafka.getBootstrapServers())));
    }

    @Bean
    KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }
}
