package io.wxplatform.testkit;

import io.wxplatform.events.EventRecords;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Puts records on wx.inbound.v1 of the shared broker the way callback-service does, and waits for the broker's ack. */
public final class Inbound {

    private static KafkaProducer<String, byte[]> producer;

    private Inbound() {}

    /** Before a consumer starts, so that it never auto-creates them with other settings. */
    public static void createTopics() {
        KafkaProbe.createTopics(Topics.INBOUND, Topics.dlq(Topics.INBOUND));
    }

    public static RecordMetadata publish(InboundEvent event) {
        return send(EventRecords.inbound(event));
    }

    /** Any record, e.g. one that is not an event at all; the producer lives as long as the JVM. */
    public static synchronized RecordMetadata send(ProducerRecord<String, byte[]> record) {
        if (producer == null) {
            producer = new KafkaProducer<>(KafkaDefaults.producer(TestInfrastructure.kafkaBootstrapServers()));
        }
        try {
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
