package io.wxplatform.callback.rules;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.support.kafka.TopicConsumers;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory reply rules, their reader of {@code wx.reply-rules.v1} and the readiness it reports. */
@Configuration(proxyBeanMethods = false)
class ReplyRulesConfiguration {

    static final String ACCOUNTS = "wx.callback.reply-rules.accounts";

    @Bean
    ReplyRules replyRules(MeterRegistry meters) {
        ReplyRules rules = new ReplyRules();
        Gauge.builder(ACCOUNTS, rules, ReplyRules::accounts)
                .description("Accounts with passive auto-reply rules held in memory")
                .register(meters);
        return rules;
    }

    @Bean
    ReplyRulesReader replyRulesReader(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            TopicConsumers consumers,
            ReplyRules replyRules,
            RulesProperties properties) {
        Map<String, Object> admin = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "callback-service-reply-rules-admin",
                // Start-up offsets are worth waiting for only briefly: the reader tries again anyway.
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000);
        return new ReplyRulesReader(consumers, admin, replyRules, properties);
    }

    @Bean
    ReplyRulesHealth replyRulesHealthIndicator(
            ReplyRulesReader reader, ReplyRules replyRules, RulesProperties properties, Clock clock) {
        return new ReplyRulesHealth(reader, replyRules, properties.readyTimeout(), clock);
    }
}
