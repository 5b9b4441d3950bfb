package io.wxplatform.callback.account;

import io.wxplatform.callback.settings.CallbackSettingsCache;
import io.wxplatform.events.Topics;
import io.wxplatform.support.kafka.Failures;
import io.wxplatform.support.kafka.TopicConsumer;
import io.wxplatform.support.kafka.TopicConsumers;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Listens to {@code wx.account.v1} so that a changed account (keys, status) takes effect at once rather than after
 * the settings TTL. Every instance must see every notice, so each has its own consumer group; it starts at the latest
 * offset because its cache starts empty and older notices concern nothing it holds (platform-support's
 * {@link TopicConsumers#broadcast}).
 */
@Configuration(proxyBeanMethods = false)
class AccountEventsConfiguration {

    @Bean
    TopicConsumer accountEventsConsumer(TopicConsumers consumers, CallbackSettingsCache settings) {
        return consumers.broadcast(
                Topics.ACCOUNT,
                "callback-service-settings-" + UUID.randomUUID(),
                new AccountEventsListener(settings),
                Failures.skipAtOnce());
    }
}
