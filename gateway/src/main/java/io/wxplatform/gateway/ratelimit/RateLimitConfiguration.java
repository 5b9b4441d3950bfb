package io.wxplatform.gateway.ratelimit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    @Bean
    TenantRateLimiter tenantRateLimiter(RateLimitProperties properties) {
        return new TenantRateLimiter(properties, System::nanoTime);
    }
}
