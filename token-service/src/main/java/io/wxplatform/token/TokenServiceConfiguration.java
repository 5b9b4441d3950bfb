package io.wxplatform.token;

import java.time.Clock;

import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.wechat.api.WeChatClient;
import io.wxplatform.wechat.api.WeChatClientConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

@Configuration(proxyBeanMethods = false)
class TokenServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Its own connector rather than Boot's builder: request metrics must never see token-bearing URLs. */
    @Bean
    WeChatClient weChatClient(WeChatProperties properties) {
        return WeChatClient.create(new WeChatClientConfig(properties.baseUrl(), properties.timeout()));
    }

    /** The platform's idempotent acks=all producer settings, not Boot's defaults. */
    @Bean
    ProducerFactory<String, byte[]> producerFactory(KafkaProperties kafka) {
        return new DefaultKafkaProducerFactory<>(
                KafkaDefaults.producer(String.join(",", kafka.getBootstrapServers())));
    }

    @Bean
    KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }
}
