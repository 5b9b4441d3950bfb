package io.wxplatform.token.component;

import io.wxplatform.support.mongo.Indexes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ComponentConfiguration {

    /** The {@code authorized} push finds its pending authorization by the pre_auth_code it names. */
    @Bean
    Indexes authorizationIndexes() {
        return Indexes.on(AuthorizationRepository.COLLECTION, Indexes.ascending("preAuthCodeHash"));
    }
}
