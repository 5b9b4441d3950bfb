package io.wxplatform.token.refusal;

import io.wxplatform.support.mongo.Indexes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RefusalConfiguration {

    /** An account's refusals, latest first. */
    @Bean
    Indexes permissionRefusalIndexes() {
        return Indexes.on(PermissionRefusals.COLLECTION, Indexes.ascending("appId", "lastAt"));
    }
}
