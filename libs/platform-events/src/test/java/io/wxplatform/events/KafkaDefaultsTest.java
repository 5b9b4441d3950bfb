package io.wxplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaDefaultsTest {

    @Test
    void producersAreIdempotentAndWaitForAllReplicas() {
        assertThat(KafkaDefaults.producer("k:9092"))
                .containsEntry("bootstrap.servers", "k:9092")
                .containsEntry("enable.idempotence", true)
                .containsEntry("acks", "all")
                .containsEntry("max.in.flight.requests.per.connection", 5);
    }

    @Test
    void consumersCommitThemselvesAndReadOnlyCommittedRecordsFromTheStart() {
        assertThat(KafkaDefaults.consumer("k:9092", "user-service"))
                .containsEntry("group.id", "user-service")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("isolation.level", "read_committed");
    }
}
