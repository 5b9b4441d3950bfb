package io.wxplatform.messaging.inbound;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.Topics;
import io.wxplatform.support.idempotency.EventLedger;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboundProperties.class)
class InboundConfiguration {

    @Bean
    InboundConsumer inboundConsumer(KafkaProperties kafka, InboundProperties properties, EventLedger ledger,
            InboundHandler handler, KafkaSender<String, byte[]> deadLetterSender) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.putAll(KafkaDefaults.consumer());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        ReceiverOptions<String, byte[]> options = ReceiverOptions.<String, byte[]>create(config)
                .subscription(List.of(Topics.INBOUND))
                .commitInterval(properties.commitInterval());
        return new InboundConsumer(options, ledger, handler, new DeadLetters(deadLetterSender),
                properties);
    }

    @Bean(destroyMethod = "close")
    KafkaSender<String, byte[]> deadLetterSender(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.putAll(KafkaDefaults.producer());
        return KafkaSender.create(SenderOptions.create(config));
    }
}
