package io.wxplatform.support.idempotency;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.Indexes;
import io.wxplatform.support.mongo.PlatformMongoAutoConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The {@link EventLedger} of every service that has a MongoDB database. */
@AutoConfiguration(after = PlatformMongoAutoConfiguration.class)
@ConditionalOnBean(MongoDatabase.class)
@EnableConfigurationProperties(EventLedgerProperties.class)
public class IdempotencyAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public EventLedger eventLedger(MongoDatabase database, EventLedgerProperties properties) {
        return new EventLedger(database, properties.lease(), properties.retention(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(prefix = "wxplatform.idempotency", name = "ttl-index", matchIfMissing = true)
    public Indexes processedEventsIndexes() {
        return Indexes.on(EventLedger.COLLECTION, Indexes.expiringAt(EventLedger.EXPIRES_AT));
    }
}
