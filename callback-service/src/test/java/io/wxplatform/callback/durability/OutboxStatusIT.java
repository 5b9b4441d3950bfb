package io.wxplatform.callback.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.callback.support.OperatorApiITSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import reactor.core.publisher.Mono;

/** The operator reads the outbox's depth and its oldest event from the real MongoDB (the relay is off here). */
class OutboxStatusIT extends OperatorApiITSupport {

    @Autowired
    OutboxStore outbox;

    @Autowired
    MongoDatabase database;

    @Test
    void theOutboxShowsItsDepthAndTheEventWaitingLongest() {
        Mono.from(database.getCollection(OutboxStore.COLLECTION).deleteMany(new Document()))
                .block();
        assertThat(status()).containsEntry("depth", 0).containsEntry("oldest", null);

        Instant oldest = Instant.now().minus(Duration.ofMinutes(7)).truncatedTo(ChronoUnit.MILLIS);
        outbox.insert(new OutboxEntry(
                        "wxout:msg:2",
                        "wx.inbound.v1",
                        "wxout|o2",
                        Map.of("ce_id", "wxout:msg:2"),
                        new byte[] {2},
                        oldest.plusSeconds(60),
                        0))
                .block();
        outbox.insert(new OutboxEntry(
                        "wxout:msg:1",
                        "wx.inbound.v1",
                        "wxout|o1",
                        Map.of("ce_id", "wxout:msg:1"),
                        new byte[] {1},
                        oldest,
                        0))
                .block();

        Map<String, Object> status = status();
        assertThat(status).containsEntry("depth", 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) status.get("oldest");
        assertThat(first)
                .containsEntry("eventId", "wxout:msg:1")
                .containsEntry("topic", "wx.inbound.v1")
                .containsEntry("key", "wxout|o1")
                .containsEntry("attempts", 0)
                .containsEntry("createdAt", oldest.toString())
                .doesNotContainKey("body");
        assertThat(((Number) first.get("ageSeconds")).longValue()).isBetween(420L, 600L);
    }

    private Map<String, Object> status() {
        return operator()
                .get()
                .uri("/api/v1/operator/outbox")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }
}
