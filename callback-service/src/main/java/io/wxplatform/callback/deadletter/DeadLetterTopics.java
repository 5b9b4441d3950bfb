package io.wxplatform.callback.deadletter;

import io.wxplatform.events.TopicLayout;
import io.wxplatform.events.Topics;
import io.wxplatform.support.web.ApiException;
import java.util.List;

/**
 * The platform's dead-letter topics, {@code <topic>.dlq} as {@link TopicLayout#ALL} declares them: the only topics
 * the operator API reads, and their originals the only ones it writes to.
 */
final class DeadLetterTopics {

    static final List<String> ALL = TopicLayout.ALL.stream()
            .map(TopicLayout::name)
            .filter(DeadLetterTopics::isDeadLetterTopic)
            .sorted()
            .toList();

    private DeadLetterTopics() {}

    /** {@code topic} if it is a dead-letter topic of the platform; a 404 problem otherwise. */
    static String require(String topic) {
        if (!ALL.contains(topic)) {
            throw ApiException.notFound(
                    "DEAD_LETTER_TOPIC_NOT_FOUND",
                    "no dead-letter topic " + topic + "; the " + "platform's are " + ALL);
        }
        return topic;
    }

    /** The topic a record of {@code deadLetterTopic} came from. */
    static String originalOf(String deadLetterTopic) {
        return deadLetterTopic.substring(
                0, deadLetterTopic.length() - Topics.dlq("").length());
    }

    private static boolean isDeadLetterTopic(String name) {
        return TopicLayout.ALL.stream()
                .anyMatch(layout -> Topics.dlq(layout.name()).equals(name));
    }
}
