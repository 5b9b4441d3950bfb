package io.wxplatform.support.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.AccountEvent;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/** The directory fed by real notices on wx.account.v1 of a real broker, stored in a real MongoDB. */
@SpringBootTest(
        classes = AccountEventsConsumerTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "wxplatform.mongodb.database=account_events_consumer_test",
            "wxplatform.accounts.directory.group-id=" + AccountEventsConsumerTest.GROUP,
            "wxplatform.accounts.directory.first-backoff=50ms",
            "wxplatform.accounts.directory.max-backoff=200ms"
        })
class AccountEventsConsumerTest {

    static final String GROUP = "account-events-consumer-test";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    AccountDirectory directory;

    @Autowired
    MongoDatabase database;

    private String tenantId;
    private String appId;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
    }

    @BeforeAll
    static void topics() {
        KafkaProbe.createTopics(Topics.ACCOUNT);
    }

    @BeforeEach
    void account() {
        tenantId = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        appId = "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    @Test
    void aRegisteredAccountIsOwnedByItsTenantOnlyUntilItIsDeleted() {
        Instant at = Instant.now();
        notice(AccountEvent.REGISTERED, "ACTIVE", at);

        awaitOwned(tenantId, true);
        assertThat(owned("someone-else")).isFalse();
        assertThat(directory.ownedBy(tenantId, appId + "x").blockOptional(WAIT)).isEmpty();

        notice(AccountEvent.SUSPENDED, "SUSPENDED", at.plusSeconds(1));
        RecordMetadata suspendedThenDeleted = notice(AccountEvent.DELETED, "DELETED", at.plusSeconds(2));

        awaitCommittedPast(suspendedThenDeleted);
        assertThat(owned(tenantId)).isFalse();
        assertThat(stored().getString("status")).isEqualTo("DELETED");
    }

    @Test
    void aSuspendedAccountStillBelongsToItsTenant() {
        Instant at = Instant.now();
        notice(AccountEvent.REGISTERED, "ACTIVE", at);
        RecordMetadata suspended = notice(AccountEvent.SUSPENDED, "SUSPENDED", at.plusSeconds(1));

        awaitCommittedPast(suspended);

        assertThat(owned(tenantId)).isTrue();
        assertThat(stored().getString("status")).isEqualTo("SUSPENDED");
    }

    @Test
    void replayingTheNoticesOfAnAccountInOrderEndsInTheSameState() {
        Instant at = Instant.now();
        notice(AccountEvent.REGISTERED, "ACTIVE", at);
        notice(AccountEvent.DELETED, "DELETED", at.plusSeconds(1));
        notice(AccountEvent.REGISTERED, "ACTIVE", at);
        RecordMetadata last = notice(AccountEvent.DELETED, "DELETED", at.plusSeconds(1));

        awaitCommittedPast(last);

        assertThat(owned(tenantId)).isFalse();
        assertThat(stored().get("updatedAt", Date.class)).isEqualTo(Date.from(at.plusSeconds(1)));
    }

    /** A notice relayed late (older than what is stored) changes nothing: no deleted account comes back. */
    @Test
    void anOlderNoticeArrivingAfterANewerOneIsIgnored() {
        Instant at = Instant.now();
        notice(AccountEvent.REGISTERED, "ACTIVE", at);
        notice(AccountEvent.DELETED, "DELETED", at.plusSeconds(2));
        RecordMetadata late = notice(AccountEvent.SUSPENDED, "SUSPENDED", at.plusSeconds(1));

        awaitCommittedPast(late);

        assertThat(owned(tenantId)).isFalse();
        assertThat(stored().getString("status")).isEqualTo("DELETED");
        assertThat(stored().get("updatedAt", Date.class)).isEqualTo(Date.from(at.plusSeconds(2)));
    }

    /** Same key, same partition: once the notice after them is stored, the unreadable ones were skipped. */
    @Test
    void unreadableIncompleteAndUnknownNoticesAreSkippedAndTheNextOneIsStored() {
        Inbound.send(new ProducerRecord<>(Topics.ACCOUNT, appId, "not a notice".getBytes(StandardCharsets.UTF_8)));
        Inbound.send(EventRecords.account(
                new AccountEvent(AccountEvent.REGISTERED, null, appId, "DIRECT", "ACTIVE", Instant.now())));
        Inbound.send(EventRecords.account(
                new AccountEvent("STOLEN", "someone-else", appId, "DIRECT", "ACTIVE", Instant.now())));
        RecordMetadata registered = notice(AccountEvent.REGISTERED, "ACTIVE", Instant.now());

        awaitCommittedPast(registered);

        assertThat(owned(tenantId)).isTrue();
        assertThat(owned("someone-else")).isFalse();
    }

    /** Permission checks need the type and verification; a notice that does not say them keeps the last known. */
    @Test
    void theAccountTypeAndVerificationAreKeptAndANoticeWithoutThemLeavesThem() {
        Instant at = Instant.now();
        Inbound.send(EventRecords.account(
                new AccountEvent(AccountEvent.REGISTERED, tenantId, appId, "DIRECT", "ACTIVE", at, "SERVICE", false)));
        RecordMetadata verified = Inbound.send(EventRecords.account(new AccountEvent(
                AccountEvent.UPDATED, tenantId, appId, "DIRECT", "ACTIVE", at.plusSeconds(1), "SERVICE", true)));
        awaitCommittedPast(verified);
        assertThat(directory.facts(tenantId, appId).blockOptional(WAIT))
                .contains(new AccountFacts(tenantId, appId, "SERVICE", true));

        RecordMetadata silent = notice(AccountEvent.SUSPENDED, "SUSPENDED", at.plusSeconds(2));
        awaitCommittedPast(silent);

        assertThat(directory.facts(tenantId, appId).blockOptional(WAIT))
                .contains(new AccountFacts(tenantId, appId, "SERVICE", true));
        assertThat(directory.facts("someone-else", appId).blockOptional(WAIT)).isEmpty();
    }

    /** A component account's granted permission sets are kept; an older notice without them leaves them. */
    @Test
    void theGrantedPermissionSetsOfAComponentAccountAreKeptUntilANoticeSaysOtherwise() {
        Instant at = Instant.now();
        RecordMetadata authorized = Inbound.send(EventRecords.account(new AccountEvent(
                AccountEvent.REGISTERED, tenantId, appId, "COMPONENT", "ACTIVE", at, "SERVICE", true, List.of(1, 2))));
        awaitCommittedPast(authorized);
        assertThat(directory.facts(tenantId, appId).blockOptional(WAIT))
                .contains(new AccountFacts(tenantId, appId, "SERVICE", true, List.of(1, 2)));

        RecordMetadata old = Inbound.send(EventRecords.account(
                new AccountEvent(AccountEvent.UPDATED, tenantId, appId, "COMPONENT", "ACTIVE", at.plusSeconds(1))));
        awaitCommittedPast(old);
        assertThat(directory.facts(tenantId, appId).blockOptional(WAIT))
                .contains(new AccountFacts(tenantId, appId, "SERVICE", true, List.of(1, 2)));

        RecordMetadata direct = Inbound.send(EventRecords.account(new AccountEvent(
                AccountEvent.UPDATED, tenantId, appId, "DIRECT", "ACTIVE", at.plusSeconds(2), "SERVICE", true)));
        awaitCommittedPast(direct);
        assertThat(directory.facts(tenantId, appId).blockOptional(WAIT))
                .contains(new AccountFacts(tenantId, appId, "SERVICE", true, null));
    }

    /** The former first-rule scheme left documents without updatedAt; they prove no ownership. */
    @Test
    void aDocumentWithoutUpdatedAtIsNoOwnership() {
        Mono.from(database.getCollection(AccountDirectory.COLLECTION)
                        .insertOne(new Document("_id", appId).append("tenantId", tenantId)))
                .block(WAIT);

        assertThat(owned(tenantId)).isFalse();
    }

    private RecordMetadata notice(String type, String status, Instant at) {
        return Inbound.send(EventRecords.account(new AccountEvent(type, tenantId, appId, "DIRECT", status, at)));
    }

    private boolean owned(String tenant) {
        return directory.ownedBy(tenant, appId).blockOptional(WAIT).isPresent();
    }

    private void awaitOwned(String tenant, boolean expected) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> owned(tenant) == expected);
    }

    private Document stored() {
        return Mono.from(database.getCollection(AccountDirectory.COLLECTION)
                        .find(new Document("_id", appId))
                        .first())
                .block(WAIT);
    }

    /** Committed means stored: the consumer commits an offset only after its notice was applied. */
    private static void awaitCommittedPast(RecordMetadata sent) {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (AdminClient admin = AdminClient.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                return committed != null && committed.offset() > sent.offset();
            });
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}
}
