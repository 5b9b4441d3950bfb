package io.wxplatform.callback.deadletter;

import java.util.List;

/**
 * A dead-letter topic and what each partition holds: {@code count} records between {@code beginningOffset} and
 * {@code endOffset}, re-published ones included (Kafka keeps them until retention removes them).
 */
record DeadLetterTopicView(String topic, String originalTopic, List<PartitionView> partitions) {

    record PartitionView(int partition, long beginningOffset, long endOffset, long count) {}
}
