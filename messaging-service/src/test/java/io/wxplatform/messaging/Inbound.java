package io.wxplatform.messaging;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.wxplatform.events.EventRecords;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;

/** Puts records on wx.inbound.v1 the way callback-service does, and waits for the broker's ack. */
final class Inbound {

    private static KafkaProducer<String, byte[]> producer;

    private Inbound() {
    }

    /** Before the consumer starts, so that it never auto-creates them with other settings. */
    static void createTopics() {
        KafkaProbe.createTopics(Topics.INBOUND, Topics.dlq(Topics.INBOUND));
    }

    static void publish(InboundEvent event) {
        send(EventRecords.inbound(event));
    }

    static synchronized void send(ProducerRecord<String, byte[]> record) {
        if (producer == null) {
            producer = new KafkaProducer<>(KafkaDefaults.producer(TestInfrastructure.kafkaBootstrapServers()));
        }
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
