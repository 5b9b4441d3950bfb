package io.wxplatform.callback.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.callback.support.DeadLetterParking;
import io.wxplatform.callback.support.OperatorApiITSupport;
import io.wxplatform.events.CloudEventHeaders;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.auth.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** A dead letter on the real wx.inbound.v1.dlq: listed with its error, re-published once to wx.inbound.v1. */
class DeadLetterRepublishIT extends OperatorApiITSupport {

    private static final String DLQ = Topics.dlq(Topics.INBOUND);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Test
    void aDeadLetterIsListedWithItsErrorAndRepublishedOnceWithItsOriginalKeyAndHeaders() {
        String eventId = "wxdlq" + UUID.randomUUID().toString().substring(0, 8) + ":msg:1";
        String key = "wxdlq|o-" + UUID.randomUUID();
        byte[] body = ("{\"eventId\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8);
        RecordMetadata parked = DeadLetterParking.park(eventId, key, body);
        String records = "/api/v1/operator/dead-letters/" + DLQ + "/records";

        Map<String, Object> page =
                get(records + "?partition=" + parked.partition() + "&from=" + parked.offset() + "&limit=5");
        Map<String, Object> listed = items(page).get(0);
        assertThat(listed)
                .containsEntry("offset", (int) parked.offset())
                .containsEntry("key", key)
                .containsEntry("eventId", eventId)
                .containsEntry("originalTopic", Topics.INBOUND)
                .containsEntry("originalOffset", (int) DeadLetterParking.ORIGINAL_OFFSET)
                .containsEntry("errorClass", IllegalStateException.class.getName())
                .containsEntry("errorMessage", DeadLetterParking.ERROR)
                .containsEntry("body", new String(body, StandardCharsets.UTF_8));
        assertThat(listed.get("republished")).isNull();
        assertThat(map(listed.get("headers")))
                .containsEntry(CloudEventHeaders.ID, eventId)
                .doesNotContainKeys(EventRecords.DLQ_ERROR_CLASS, EventRecords.DLQ_ORIGINAL_TOPIC);
        assertThat(((Number) page.get("endOffset")).longValue()).isGreaterThan(parked.offset());

        String republish = records + "/" + parked.partition() + "/" + parked.offset() + ":republish";
        try (KafkaProbe inbound = KafkaProbe.on(Topics.INBOUND)) {
            Map<String, Object> first = post(republish);
            assertThat(first).containsEntry("topic", Topics.INBOUND).containsEntry("alreadyRepublished", false);

            ConsumerRecord<String, byte[]> copy =
                    inbound.awaitMatching(r -> hasEventId(r, eventId), 1, WAIT).get(0);
            assertThat(copy.key()).isEqualTo(key);
            assertThat(copy.value()).isEqualTo(body);
            assertThat(copy.offset()).isEqualTo(((Number) first.get("offset")).longValue());
            assertThat(CloudEventHeaders.read(copy.headers()).id()).isEqualTo(eventId);
            assertThat(copy.headers()).extracting(Header::key).noneMatch(name -> name.startsWith("dlq_"));

            Map<String, Object> second = post(republish);
            assertThat(second)
                    .containsEntry("alreadyRepublished", true)
                    .containsEntry("offset", first.get("offset"))
                    .containsEntry("partition", first.get("partition"));
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> inbound.drainFor(Duration.ofMillis(200)).stream()
                                    .filter(r -> hasEventId(r, eventId))
                                    .count()
                            == 1);
        }

        Map<String, Object> after = items(
                        get(records + "?partition=" + parked.partition() + "&from=" + parked.offset() + "&limit=1"))
                .get(0);
        assertThat(map(after.get("republished")))
                .containsEntry("topic", Topics.INBOUND)
                .containsEntry("alreadyRepublished", false);
    }

    @Test
    void concurrentRepublishesOfOneDeadLetterSendOneCopy() {
        String eventId = "wxdlq" + UUID.randomUUID().toString().substring(0, 8) + ":msg:2";
        RecordMetadata parked = DeadLetterParking.park(eventId, "wxdlq|o-race", new byte[] {'{', '}'});
        String republish = "/api/v1/operator/dead-letters/" + DLQ + "/records/" + parked.partition() + "/"
                + parked.offset() + ":republish";
        WebClient client = WebClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestIssuer.shared().operator()))
                .build();

        try (KafkaProbe inbound = KafkaProbe.on(Topics.INBOUND)) {
            List<Integer> statuses = Flux.range(0, 4)
                    .flatMap(i -> client.post()
                            .uri(republish)
                            .exchangeToMono(response -> response.releaseBody()
                                    .thenReturn(response.statusCode().value())))
                    .collectList()
                    .block(WAIT);

            // Each answer: sent now, sent by another request before (200), or being sent by another one (409).
            assertThat(statuses).contains(200).allMatch(status -> status == 200 || status == 409);
            inbound.awaitMatching(r -> hasEventId(r, eventId), 1, WAIT);
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> inbound.drainFor(Duration.ofMillis(200)).stream()
                                    .filter(r -> hasEventId(r, eventId))
                                    .count()
                            == 1);
        }
    }

    @Test
    void theDeadLetterTopicsAreListedWithWhatEachPartitionHolds() {
        RecordMetadata parked =
                DeadLetterParking.park("wxdlq:msg:" + UUID.randomUUID(), "wxdlq|o1", new byte[] {'{', '}'});
        List<Map<String, Object>> topics = operator()
                .get()
                .uri("/api/v1/operator/dead-letters")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(topics).singleElement().satisfies(topic -> {
            assertThat(topic).containsEntry("topic", DLQ).containsEntry("originalTopic", Topics.INBOUND);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> partitions = (List<Map<String, Object>>) topic.get("partitions");
            assertThat(partitions)
                    .filteredOn(p -> p.get("partition").equals(parked.partition()))
                    .singleElement()
                    .satisfies(p -> assertThat(((Number) p.get("endOffset")).longValue())
                            .isGreaterThan(parked.offset()));
        });
    }

    @Test
    void badRequestsAreProblems() {
        String records = "/api/v1/operator/dead-letters/" + DLQ + "/records";
        problem(operator().get().uri(records + "?limit=0"), 400, "VALIDATION_FAILED");
        problem(operator().get().uri(records + "?partition=-1"), 400, "VALIDATION_FAILED");
        problem(operator().get().uri(records + "?partition=999"), 404, "PARTITION_NOT_FOUND");
        problem(
                operator().get().uri("/api/v1/operator/dead-letters/" + Topics.INBOUND + "/records"),
                404,
                "DEAD_LETTER_TOPIC_NOT_FOUND");
        problem(
                operator().post().uri(records + "/0/" + Long.MAX_VALUE / 2 + ":republish"),
                404,
                "DEAD_LETTER_NOT_FOUND");
        problem(
                operator().post().uri("/api/v1/operator/dead-letters/wx.account.v1/records/0/0:republish"),
                404,
                "DEAD_LETTER_TOPIC_NOT_FOUND");
    }

    private static boolean hasEventId(ConsumerRecord<String, byte[]> record, String eventId) {
        return eventId.equals(CloudEventHeaders.optional(record.headers(), CloudEventHeaders.ID));
    }

    private Map<String, Object> get(String path) {
        return operator()
                .get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> post(String path) {
        return operator()
                .post()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static void problem(WebTestClient.RequestHeadersSpec<?> request, int status, String code) {
        request.exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }
}
