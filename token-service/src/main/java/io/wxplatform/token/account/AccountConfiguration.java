package io.wxplatform.token.account;

import io.wxplatform.support.mongo.Indexes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    /** Listing a tenant's accounts in order; finding notices Kafka has not acknowledged yet. */
    @Bean
    Indexes accountIndexes() {
        return Indexes.on(
                AccountRepository.COLLECTION,
                Indexes.ascending("tenantId", "createdAt", "_id"),
                Indexes.ascending("pendingEvent.at"));
    }
}
