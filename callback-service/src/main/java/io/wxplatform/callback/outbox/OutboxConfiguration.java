package io.wxplatform.callback.outbox;

import java.time.Clock;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** The outbox in this service's MongoDB database ({@code wxplatform.mongodb.database}) and its relay. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    OutboxStore outboxStore(MongoDatabase database) {
        return new OutboxStore(database);
    }

    @Bean
    OutboxEmptiness outboxEmptiness(OutboxProperties properties, Clock clock) {
        return new OutboxEmptiness(clock, properties.trustEmptyFor());
    }

    @Bean
    OutboxRelay outboxRelay(OutboxStore outboxStore, KafkaTemplate<String, byte[]> inboundKafkaTemplate,
                            OutboxProperties properties, OutboxEmptiness outboxEmptiness, Clock clock,
                            MeterRegistry meters) {
        return new OutboxRelay(outboxStore, inboundKafkaTemplate, properties, outboxEmptiness, clock, meters);
    }
}
