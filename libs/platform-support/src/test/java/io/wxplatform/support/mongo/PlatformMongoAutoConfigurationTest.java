package io.wxplatform.support.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.idempotency.EventLedger;
import io.wxplatform.support.idempotency.IdempotencyAutoConfiguration;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class PlatformMongoAutoConfigurationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(PlatformMongoAutoConfiguration.class, IdempotencyAutoConfiguration.class));

    @Test
    void aServiceWithADatabaseGetsAClientTheDatabaseAndTheLedger() {
        context.withPropertyValues(
                        "wxplatform.mongodb.uri=" + TestInfrastructure.mongoUri(),
                        "wxplatform.mongodb.database=autoconfig_test")
                .run(app -> {
                    assertThat(app).hasSingleBean(MongoClient.class).hasSingleBean(EventLedger.class);
                    assertThat(app.getBean(MongoDatabase.class).getName()).isEqualTo("autoconfig_test");
                });
    }

    @Test
    void declaredIndexesExistOnceTheServiceHasStarted() {
        context.withPropertyValues(
                        "wxplatform.mongodb.uri=" + TestInfrastructure.mongoUri(),
                        "wxplatform.mongodb.database=index_test")
                .withBean(
                        "followerIndexes",
                        Indexes.class,
                        () -> Indexes.on("followers", Indexes.unique("appId", "openId")))
                .run(app -> {
                    var followers = app.getBean(MongoDatabase.class).getCollection("followers");
                    Mono.from(followers.insertOne(new Document("appId", "wx1").append("openId", "o1")))
                            .block(WAIT);

                    assertThatThrownBy(() -> Mono.from(
                                            followers.insertOne(new Document("appId", "wx1").append("openId", "o1")))
                                    .block(WAIT))
                            .isInstanceOf(MongoWriteException.class);
                    assertThat(indexNames(app.getBean(MongoDatabase.class), EventLedger.COLLECTION))
                            .contains("expiresAt_1");
                });
    }

    @Test
    void startingTwiceWithTheSameIndexesIsHarmless() {
        ApplicationContextRunner twice = context.withPropertyValues(
                        "wxplatform.mongodb.uri=" + TestInfrastructure.mongoUri(),
                        "wxplatform.mongodb.database=index_twice_test")
                .withBean("indexes", Indexes.class, () -> Indexes.on("things", Indexes.ascending("a")));

        twice.run(app -> assertThat(app).hasNotFailed());
        twice.run(app -> assertThat(app).hasNotFailed());
    }

    @Test
    void aServiceWithoutADatabaseGetsNoMongoBeans() {
        context.run(app -> assertThat(app).doesNotHaveBean(MongoClient.class).doesNotHaveBean(EventLedger.class));
    }

    private static List<String> indexNames(MongoDatabase database, String collection) {
        return Flux.from(database.getCollection(collection).listIndexes())
                .map(index -> index.getString("name"))
                .collectList()
                .block(WAIT);
    }
}
