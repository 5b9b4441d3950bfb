package io.wxplatform.support.inbound;

import io.wxplatform.events.Topics;
import io.wxplatform.support.idempotency.EventLedger;
import io.wxplatform.support.idempotency.IdempotencyAutoConfiguration;
import io.wxplatform.support.kafka.KafkaConsumersAutoConfiguration;
import io.wxplatform.support.kafka.TopicConsumers;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/**
 * The {@link InboundConsumer} of every service that declares an {@link InboundHandler} bean and has Spring Boot's
 * Kafka support (spring-kafka) and platform-events on its classpath (platform-support itself only has them
 * optionally).
 */
@AutoConfiguration(after = {KafkaConsumersAutoConfiguration.class, IdempotencyAutoConfiguration.class})
@ConditionalOnClass({KafkaMessageListenerContainer.class, KafkaProperties.class, Topics.class})
@ConditionalOnBean(InboundHandler.class)
@EnableConfigurationProperties(InboundProperties.class)
public class InboundAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public InboundConsumer inboundConsumer(
            TopicConsumers consumers, InboundProperties properties, EventLedger ledger, InboundHandler handler) {
        return new InboundConsumer(consumers, ledger, handler, properties);
    }
}
