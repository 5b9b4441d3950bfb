package io.wxplatform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class MongoRoundTripTest {

    @Test
    void documentsRoundTripThroughTheReactiveDriver() {
        assertThat(TestInfrastructure.mongoUri()).startsWith("mongodb://");
        try (MongoClient client = MongoClients.create(TestInfrastructure.mongoUri())) {
            MongoCollection<Document> things = client.getDatabase("test_kit").getCollection("things");

            Mono.from(things.insertOne(new Document("_id", "a").append("n", 1))).block(Duration.ofSeconds(10));
            Document found =
                    Mono.from(things.find(new Document("_id", "a")).first()).block(Duration.ofSeconds(10));

            assertThat(found).containsEntry("n", 1);
        }
    }

    @Test
    void theSameServerIsSharedWithinTheJvm() {
        assertThat(TestInfrastructure.mongoUri()).isEqualTo(TestInfrastructure.mongoUri());
    }
}
