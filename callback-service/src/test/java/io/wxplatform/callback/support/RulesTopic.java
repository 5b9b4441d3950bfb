package io.wxplatform.callback.support;

import io.wxplatform.events.EventRecords;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.rules.Reply;
import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.events.rules.ReplyRuleSet;
import io.wxplatform.events.rules.Trigger;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Publishes rule sets on wx.reply-rules.v1 exactly as messaging-service does (same record builder). */
public final class RulesTopic implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(KafkaDefaults.producer(TestInfrastructure.kafkaBootstrapServers()));

    /** One enabled rule of {@code account}, order 0 unless given. */
    public static ReplyRule rule(TestAccount account, String id, Trigger trigger, Reply reply) {
        return rule(account.tenantId(), account.appId(), id, trigger, reply);
    }

    public static ReplyRule rule(String tenantId, String appId, String id, Trigger trigger, Reply reply) {
        return new ReplyRule(id, tenantId, appId, 0, true, trigger, reply, Instant.now());
    }

    /** The whole rule set of the account at {@code version}; no rules publishes a tombstone. */
    public RecordMetadata publish(TestAccount account, long version, ReplyRule... rules) {
        return publish(account.tenantId(), account.appId(), version, rules);
    }

    public RecordMetadata publish(String tenantId, String appId, long version, ReplyRule... rules) {
        return send(
                EventRecords.replyRules(tenantId, new ReplyRuleSet(appId, List.of(rules), version), Instant.now()),
                null);
    }

    /** As {@link #publish}, into a given partition: records of one partition are read in order. */
    public RecordMetadata publishTo(int partition, TestAccount account, long version, ReplyRule... rules) {
        return send(
                EventRecords.replyRules(
                        account.tenantId(), new ReplyRuleSet(account.appId(), List.of(rules), version), Instant.now()),
                partition);
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record, Integer partition) {
        ProducerRecord<String, byte[]> placed = partition == null
                ? record
                : new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers());
        try {
            return producer.send(placed).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish rules of " + record.key(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
