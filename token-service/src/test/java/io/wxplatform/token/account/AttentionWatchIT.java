package io.wxplatform.token.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.token.Fixtures;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The attention gauge counts the accounts of every tenant per attention state, from MongoDB. */
class AttentionWatchIT {

    private final MongoClient client = MongoClients.create(TestInfrastructure.mongoUri());
    private final MongoDatabase database = client.getDatabase("attention_" + Fixtures.hex(6));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AttentionWatch watch = new AttentionWatch(
            new AccountRepository(database),
            meters,
            new AccountProperties(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30)));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void eachAttentionStateIsCountedAcrossTenants() {
        Flux.from(database.getCollection(AccountRepository.COLLECTION)
                        .insertMany(List.of(
                                account("wxa1", "t1", "IP_NOT_WHITELISTED"),
                                account("wxa2", "t2", "IP_NOT_WHITELISTED"),
                                account("wxa3", "t1", "INVALID_SECRET"),
                                account("wxa4", "t1", "ACTIVE"),
                                account("wxa5", "t3", "SUSPENDED"))))
                .blockLast(Duration.ofSeconds(10));

        assertThat(gauge("IP_NOT_WHITELISTED")).isZero();
        watch.check().block(Duration.ofSeconds(10));

        assertThat(gauge("IP_NOT_WHITELISTED")).isEqualTo(2);
        assertThat(gauge("INVALID_SECRET")).isEqualTo(1);
        assertThat(gauge("NEEDS_REAUTHORIZATION")).isZero();
        assertThat(meters.find(AttentionWatch.GAUGE).gauges())
                .extracting(g -> g.getId().getTag("status"))
                .containsExactlyInAnyOrder("IP_NOT_WHITELISTED", "INVALID_SECRET", "NEEDS_REAUTHORIZATION");
    }

    private double gauge(String status) {
        return meters.get(AttentionWatch.GAUGE).tag("status", status).gauge().value();
    }

    private static Document account(String appId, String tenantId, String status) {
        return new Document("_id", appId).append("tenantId", tenantId).append("status", status);
    }
}
