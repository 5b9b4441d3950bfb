package io.wxplatform.support.inbound;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.Topics;
import io.wxplatform.support.idempotency.EventLedger;
import io.wxplatform.support.idempotency.IdempotencyAutoConfiguration;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;

/**
 * The {@link InboundConsumer} of every service that declares an {@link InboundHandler} bean and has reactor-kafka,
 * Spring Boot's Kafka support and platform-events on its classpath (platform-support itself only has them optionally).
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, IdempotencyAutoConfiguration.class})
@ConditionalOnClass({KafkaReceiver.class, KafkaProperties.class, Topics.class})
@ConditionalOnBean(InboundHandler.class)
@EnableConfigurationProperties(InboundProperties.class)
public class InboundAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public InboundConsumer inboundConsumer(KafkaProperties kafka, InboundProperties properties, EventLedger ledger,
            InboundHandler handler, KafkaSender<String, byte[]> deadLetterSender) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.putAll(KafkaDefaults.consumer());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        ReceiverOptions<String, byte[]> options = ReceiverOptions.<String, byte[]>create(config)
                .subscription(List.of(Topics.INBOUND))
                .commitInterval(properties.commitInterval());
        return new InboundConsumer(options, ledger, handler, new DeadLetters(deadLetterSender), properties);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(name = "deadLetterSender")
    public KafkaSender<String, byte[]> deadLetterSender(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.putAll(KafkaDefaults.producer());
        return KafkaSender.create(SenderOptions.create(config));
    }
}
