package io.wxplatform.messaging.rules;

import io.wxplatform.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Declares wx.reply-rules.v1 compacted (Spring's KafkaAdmin creates it at start-up if missing), as its owner. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RuleProperties.class)
class RulesTopic {

    @Bean
    NewTopic replyRulesTopic() {
        // Readers rebuild every account's rules from the latest record per key; older ones may go.
        return TopicBuilder.name(Topics.REPLY_RULES).compact().build();
    }
}
