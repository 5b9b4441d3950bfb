package io.wxplatform.support.kafka;

import io.micrometer.observation.ObservationRegistry;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.support.tracing.Tracing;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/**
 * {@link TopicConsumers} for every service with Spring Boot's Kafka support (spring-kafka) and platform-events on
 * its classpath: {@code spring.kafka.*} (servers, client settings) overlaid with {@link KafkaDefaults}; with tracing
 * on ({@link Tracing#enabled}), records are handled in spans continuing their {@code traceparent}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass({KafkaMessageListenerContainer.class, KafkaProperties.class, KafkaDefaults.class})
public class KafkaConsumersAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public TopicConsumers topicConsumers(
            KafkaProperties kafka, Environment environment, ObjectProvider<ObservationRegistry> observations) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.putAll(KafkaDefaults.consumer());
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.putAll(KafkaDefaults.producer());
        return new TopicConsumers(
                consumer, producer, Tracing.enabled(environment) ? observations.getIfAvailable() : null);
    }
}
