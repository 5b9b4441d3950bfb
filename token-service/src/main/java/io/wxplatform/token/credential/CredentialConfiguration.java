package io.wxplatform.token.credential;

import java.time.Duration;
import java.util.UUID;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.wxplatform.support.mongo.Indexes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CredentialConfiguration {

    /** The scheduler's claim looks for due credentials by refreshAt. */
    @Bean
    Indexes credentialIndexes() {
        return Indexes.on("credentials", Indexes.ascending("refreshAt"));
    }

    @Bean
    ReplicaId replicaId() {
        return new ReplicaId("token-service-" + UUID.randomUUID());
    }

    /**
     * Scheduled WeChat token calls of this replica per second. A permit is waited for (without blocking) for up
     * to half a lease, so a backlog drains at the limit instead of failing.
     */
    @Bean
    RateLimiter tokenCallLimiter(CredentialProperties properties) {
        return RateLimiter.of("wechat-token-calls", RateLimiterConfig.custom()
                .limitForPeriod(properties.ratePerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(properties.lease().dividedBy(2))
                .build());
    }
}
