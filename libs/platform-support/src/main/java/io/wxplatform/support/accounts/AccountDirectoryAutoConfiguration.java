package io.wxplatform.support.accounts;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.AccountEvent;
import io.wxplatform.support.kafka.KafkaConsumersAutoConfiguration;
import io.wxplatform.support.kafka.TopicConsumers;
import io.wxplatform.support.mongo.PlatformMongoAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/**
 * The {@link AccountDirectory} and its {@link AccountEventsConsumer}, only for a service that opts in by setting
 * {@code wxplatform.accounts.directory.group-id} (and has a MongoDB database, Spring Boot's Kafka support, hence
 * spring-kafka, and platform-events). Services that own accounts themselves (token-service) or need no owner
 * (callback-service) leave it unset and get neither.
 */
@AutoConfiguration(after = {PlatformMongoAutoConfiguration.class, KafkaConsumersAutoConfiguration.class})
@ConditionalOnClass({KafkaMessageListenerContainer.class, KafkaProperties.class, AccountEvent.class})
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
    public AccountEventsConsumer accountEventsConsumer(
            AccountDirectory directory,
            AccountEventsProperties properties,
            TopicConsumers consumers,
            ObjectProvider<AccountNoticeListener> listeners) {
        return new AccountEventsConsumer(
                directory, properties, consumers, listeners.orderedStream().toList());
    }

    /** The gate before WeChat calls, for services that call WeChat (wechat-api on the classpath). */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnClass(name = "io.wxplatform.wechat.api.Permissions")
    public WeChatAccounts weChatAccounts(AccountDirectory directory) {
        return new WeChatAccounts(directory);
    }
}
