package io.wxplatform.support.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.support.mongo.PlatformMongoAutoConfiguration;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The readiness contributors against a real MongoDB and Kafka, and against addresses where nothing listens. */
class DependencyHealthTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    PlatformMongoAutoConfiguration.class, DependencyHealthAutoConfiguration.class))
            .withPropertyValues("wxplatform.mongodb.database=health_it");

    @Test
    void upWhenMongoDbAndKafkaAnswer() {
        service.withPropertyValues(
                        "wxplatform.health.dependencies=true",
                        "wxplatform.mongodb.uri=" + TestInfrastructure.mongoUri(),
                        "spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers())
                .run(context -> {
                    assertThat(status(context.getBean("mongoHealthIndicator", ReactiveHealthIndicator.class)))
                            .isEqualTo(Status.UP);
                    assertThat(status(context.getBean("kafkaHealthIndicator", ReactiveHealthIndicator.class)))
                            .isEqualTo(Status.UP);
                });
    }

    @Test
    void downWithinTheProbesPatienceWhenNothingAnswers() {
        service.withPropertyValues(
                        "wxplatform.health.dependencies=true",
                        "wxplatform.mongodb.uri=mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=30000",
                        "spring.kafka.bootstrap-servers=127.0.0.1:1")
                .run(context -> {
                    assertThat(status(context.getBean("mongoHealthIndicator", ReactiveHealthIndicator.class)))
                            .isEqualTo(Status.DOWN);
                    assertThat(status(context.getBean("kafkaHealthIndicator", ReactiveHealthIndicator.class)))
                            .isEqualTo(Status.DOWN);
                });
    }

    @Test
    void offUnlessTurnedOn() {
        service.withPropertyValues(
                        "wxplatform.mongodb.uri=" + TestInfrastructure.mongoUri(),
                        "spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers())
                .run(context -> assertThat(context)
                        .doesNotHaveBean("mongoHealthIndicator")
                        .doesNotHaveBean("kafkaHealthIndicator"));
    }

    /** Within 5 s, as a readiness probe with its timeout would see it. */
    private static Status status(ReactiveHealthIndicator indicator) {
        Health health = indicator.health().block(Duration.ofSeconds(5));
        return health.getStatus();
    }
}
