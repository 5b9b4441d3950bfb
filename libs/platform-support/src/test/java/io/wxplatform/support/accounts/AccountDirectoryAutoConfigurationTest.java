package io.wxplatform.support.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.idempotency.IdempotencyAutoConfiguration;
import io.wxplatform.support.kafka.KafkaConsumersAutoConfiguration;
import io.wxplatform.support.mongo.PlatformMongoAutoConfiguration;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The account directory is opt-in: only a service that names its consumer group gets it. */
class AccountDirectoryAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    PlatformMongoAutoConfiguration.class,
                    IdempotencyAutoConfiguration.class,
                    KafkaAutoConfiguration.class,
                    KafkaConsumersAutoConfiguration.class,
                    AccountDirectoryAutoConfiguration.class));

    /** As callback-service and token-service run: a database and Kafka, but no group for wx.account.v1. */
    @Test
    void aServiceThatDoesNotOptInGetsNeitherTheDirectoryNorItsConsumer() {
        context.withPropertyValues(
                        "wxplatform.mongodb.uri=" + TestInfrastructure.mongoUri(),
                        "wxplatform.mongodb.database=account_directory_off_test",
                        // token-service's own settings share the prefix and must not turn it on.
                        "wxplatform.accounts.event-timeout=5s",
                        "wxplatform.accounts.relay-interval=30s")
                .run(app -> assertThat(app)
                        .hasNotFailed()
                        .doesNotHaveBean(AccountDirectory.class)
                        .doesNotHaveBean(AccountEventsConsumer.class)
                        .doesNotHaveBean(AccountEventsProperties.class));
    }

    @Test
    void aServiceThatNamesItsGroupGetsTheDirectoryAndItsRunningConsumer() {
        context.withPropertyValues(
                        "wxplatform.mongodb.uri=" + TestInfrastructure.mongoUri(),
                        "wxplatform.mongodb.database=account_directory_on_test",
                        "spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                        "wxplatform.accounts.directory.group-id=account-directory-autoconfig-test")
                .run(app -> {
                    assertThat(app)
                            .hasNotFailed()
                            .hasSingleBean(AccountDirectory.class)
                            .hasSingleBean(AccountEventsConsumer.class);
                    assertThat(app.getBean(AccountEventsConsumer.class).isRunning())
                            .isTrue();
                    AccountEventsProperties properties = app.getBean(AccountEventsProperties.class);
                    assertThat(properties.firstBackoff()).isEqualTo(Duration.ofMillis(500));
                    assertThat(properties.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
                });
    }

    /** A service that asked for an owner check must not start without one. */
    @Test
    void optingInWithoutADatabaseFailsTheStartUp() {
        context.withPropertyValues("wxplatform.accounts.directory.group-id=account-directory-no-db-test")
                .run(app ->
                        assertThat(app).getFailure().rootCause().hasMessageContaining(MongoDatabase.class.getName()));
    }

    @Test
    void aBlankGroupFailsTheStartUp() {
        context.withPropertyValues(
                        "wxplatform.mongodb.uri=" + TestInfrastructure.mongoUri(),
                        "wxplatform.mongodb.database=account_directory_blank_test",
                        "wxplatform.accounts.directory.group-id=")
                .run(app -> assertThat(app)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("wxplatform.accounts.directory.group-id must not be blank"));
    }
}
