package io.wxplatform.token.credential;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.wxplatform.support.mongo.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.LoggerFactory;
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
        ReplicaId replica = new ReplicaId("token-service-" + UUID.randomUUID());
        // Leases name their holder by this id: the log line ties a lease to its process.
        LoggerFactory.getLogger(CredentialConfiguration.class)
                .info("Credential leases of this replica: {}", replica.value());
        return replica;
    }

    /**
     * Scheduled WeChat token calls of this replica per second. A permit is waited for (without blocking) for up
     * to half a lease, so a backlog drains at the limit instead of failing.
     */
    @Bean
    RateLimiter tokenCallLimiter(CredentialProperties properties) {
        return RateLimiter.of(
                "wechat-token-calls",
                RateLimiterConfig.custom()
                        .limitForPeriod(properties.ratePerSecond())
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(properties.lease().dividedBy(2))
                        .build());
    }

    /** Old counter windows of the platform-wide rate limit are deleted by MongoDB. */
    @Bean
    Indexes rateWindowIndexes() {
        return Indexes.on(PlatformRateLimit.COLLECTION, Indexes.expiringAt("expiresAt"));
    }

    /**
     * Scheduled WeChat token calls of all replicas together per second, on top of the per-replica limit; waited for
     * (without blocking) for up to half a lease, like the per-replica permit.
     */
    @Bean
    PlatformRateLimit platformRateLimit(
            MongoDatabase database, PlatformRateLimitProperties limit, CredentialProperties properties, Clock clock) {
        return new PlatformRateLimit(
                database, limit.platformRateLimit(), properties.lease().dividedBy(2), clock);
    }
}
