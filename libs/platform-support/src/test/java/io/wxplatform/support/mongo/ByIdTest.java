package io.wxplatform.support.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Duration;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Against the real driver and server: the condition decides, and only the addressed document is touched. */
class ByIdTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private MongoCollection<Document> things;

    @BeforeEach
    void collection() {
        things = MongoClients.create(TestInfrastructure.mongoUri())
                .getDatabase("by_id_test")
                .getCollection("things_" + UUID.randomUUID().toString().replace("-", ""));
        Mono.from(things.insertOne(new Document("_id", "a").append("version", 1)))
                .block(WAIT);
        Mono.from(things.insertOne(new Document("_id", "b").append("version", 1)))
                .block(WAIT);
    }

    @Test
    void anUpdateAppliesOnlyWhileTheConditionHolds() {
        assertThat(ById.update(things, "a", Filters.eq("version", 1), Updates.set("version", 2))
                        .block(WAIT))
                .isTrue();
        assertThat(ById.update(things, "a", Filters.eq("version", 1), Updates.set("version", 3))
                        .block(WAIT))
                .as("a second writer that saw version 1 loses")
                .isFalse();
        assertThat(ById.update(things, "missing", Filters.eq("version", 1), Updates.set("version", 2))
                        .block(WAIT))
                .isFalse();
        assertThat(version("a")).isEqualTo(2);
        assertThat(version("b")).as("the other document is untouched").isEqualTo(1);
        assertThat(Mono.from(things.countDocuments(Filters.eq("_id", "missing")))
                        .block(WAIT))
                .as("no upsert")
                .isZero();
    }

    private int version(String id) {
        return Mono.from(things.find(Filters.eq("_id", id)).first()).block(WAIT).getInteger("version");
    }
}
