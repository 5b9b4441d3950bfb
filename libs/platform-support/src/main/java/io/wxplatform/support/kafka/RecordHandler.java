package io.wxplatform.support.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

/**
 * What a {@link TopicConsumer} does with one record. The record counts as handled when the returned {@code Mono}
 * completes; an error goes through the consumer's {@link Failures}. Records of one partition are handed over one at
 * a time, in offset order.
 */
@FunctionalInterface
public interface RecordHandler {

    Mono<?> handle(ConsumerRecord<String, byte[]> record);
}
