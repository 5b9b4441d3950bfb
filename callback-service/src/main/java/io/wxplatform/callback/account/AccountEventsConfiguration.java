package io.wxplatform.callback.account;

import java.util.Map;
import java.util.UUID;

import io.wxplatform.callback.settings.CallbackSettingsCache;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/**
 * Listens to {@code wx.account.v1} so that a changed account (keys, status) takes effect at once rather than after
 * the settings TTL. Every instance must see every notice, so each has its own consumer group; it starts at the latest
 * offset because its cache starts empty and older notices concern nothing it holds.
 */
@Configuration(proxyBeanMethods = false)
class AccountEventsConfiguration {

    @Bean
    KafkaMessageListenerContainer<String, byte[]> accountEventsContainer(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, CallbackSettingsCache settings) {
        Map<String, Object> config =
                KafkaDefaults.consumer(bootstrapServers, "callback-service-settings-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        ContainerProperties container = new ContainerProperties(Topics.ACCOUNT);
        container.setMessageListener(new AccountEventsListener(settings));
        return new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(config), container);
    }
}
