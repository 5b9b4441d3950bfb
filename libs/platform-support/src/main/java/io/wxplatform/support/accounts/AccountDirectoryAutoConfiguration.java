package io.wxplatform.support.accounts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

import com.mongodb.reactivestreams.client.MongoDatabase;

import io.wxplatform.events.AccountEvent;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.Topics;
import io.wxplatform.support.mongo.PlatformMongoAutoConfiguration;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;

/**
 * The {@link AccountDirectory} and its {@link AccountEventsConsumer}, only for a service that opts in by setting
 * {@code wxplatform.accounts.directory.group-id} (and has a MongoDB database, reactor-kafka, Spring Boot's Kafka
 * support and platform-events). Services that own accounts themselves (token-service) or need no owner
 * (callback-service) leave it unset and get neither.
 */
@AutoConfiguration(after = {PlatformMongoAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnClass({KafkaReceiver.class, KafkaProperties.class, AccountEvent.class})
@ConditionalOnProperty(prefix = "wxplatform.accounts.directory", name = "group-id")
@EnableConfigurationProperties(AccountEventsProperties.class)
public class AccountDirectoryAutoConfiguration {

    /** Fails the start-up when the service opted in without a database: it must not serve without an owner check. */
    @Bean
    @ConditionalOnMissingBean
    public AccountDirectory accountDirectory(MongoDatabase database) {
        return new AccountDirectory(database);
    }

    @Bean
    @ConditionalOnMissingBean
    public AccountEventsConsumer accountEventsConsumer(AccountDirectory directory, AccountEventsProperties properties,
            KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.putAll(KafkaDefaults.consumer());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        ReceiverOptions<String, byte[]> options = ReceiverOptions.<String, byte[]>create(config)
                .subscription(List.of(Topics.ACCOUNT));
        return new AccountEventsConsumer(directory, properties, options);
    }
}
