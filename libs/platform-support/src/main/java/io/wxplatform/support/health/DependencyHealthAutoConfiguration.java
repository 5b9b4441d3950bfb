package io.wxplatform.support.health;

import com.mongodb.reactivestreams.client.MongoClient;
import io.wxplatform.support.mongo.PlatformMongoAutoConfiguration;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/**
 * Health of what a service needs to do its work, for readiness in Kubernetes (deploy/k8s includes {@code mongo} and
 * {@code kafka} in the readiness group of the services that need them). Only with
 * {@code wxplatform.health.dependencies=true}: elsewhere (tests, the local platform) a service's health stays
 * independent of them, as some tests start services with Kafka or MongoDB away on purpose.
 */
@AutoConfiguration(after = PlatformMongoAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnBooleanProperty("wxplatform.health.dependencies")
public class DependencyHealthAutoConfiguration {

    /** A probe answers within a few seconds; a dependency slower than this counts as down. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** {@code mongo}: a ping to the service's MongoDB. */
    @Bean
    @ConditionalOnBean(MongoClient.class)
    public ReactiveHealthIndicator mongoHealthIndicator(MongoClient client) {
        return () -> Mono.from(client.getDatabase("admin").runCommand(new Document("ping", 1)))
                .map(answer -> Health.up().build())
                .timeout(TIMEOUT)
                .onErrorResume(error -> Mono.just(Health.down()
                        .withDetail("error", error.getClass().getSimpleName())
                        .build()));
    }

    /** {@code kafka}: the cluster answers a metadata request (its controller and brokers). */
    @Bean
    @ConditionalOnClass(Admin.class)
    @ConditionalOnProperty("spring.kafka.bootstrap-servers")
    public KafkaHealthIndicator kafkaHealthIndicator(@Value("${spring.kafka.bootstrap-servers}") String servers) {
        return new KafkaHealthIndicator(Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis())));
    }
}
