package io.wxplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.wxplatform.events.TopicLayout;
import io.wxplatform.events.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dev overlay's KafkaTopic resources are exactly the topics the code uses, laid out as it expects. */
class KafkaTopicsTest {

    static final List<GenericKubernetesResource> TOPICS = Manifests.of(
            Manifests.read(Manifests.K8S.resolve("overlays/dev/kafka-topics.yaml")), GenericKubernetesResource.class);

    @Test
    void theLayoutCoversEveryTopicTheCodeNames() throws IllegalAccessException {
        List<String> named = new ArrayList<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                named.add((String) field.get(null));
            }
        }
        // Dead letters: the inbound consumers (platform-support's InboundConsumer) are the only ones that park records.
        named.add(Topics.dlq(Topics.INBOUND));
        assertThat(TopicLayout.ALL.stream().map(TopicLayout::name)).containsExactlyInAnyOrderElementsOf(named);
    }

    @Test
    void everyTopicHasAKafkaTopicWithItsLayout() {
        Map<String, TopicLayout> expected = TopicLayout.ALL.stream()
                .collect(Collectors.toMap(TopicLayout::name, t -> t, (a, b) -> a, TreeMap::new));
        Map<String, TopicLayout> declared = new TreeMap<>();
        for (GenericKubernetesResource topic : TOPICS) {
            assertThat(topic.getKind()).isEqualTo("KafkaTopic");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "wxplatform");
            Map<String, Object> spec = topic.get("spec");
            assertThat(spec.keySet())
                    .as("spec of " + topic.getMetadata().getName())
                    .isSubsetOf(Set.of("topicName", "partitions", "replicas", "config"));
            String name = (String) spec.get("topicName");
            assertThat(declared).as("declared twice: " + name).doesNotContainKey(name);
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) spec.get("config");
            Map<String, String> asStrings = config.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
            TopicLayout layout = expected.get(name);
            assertThat(layout)
                    .as("KafkaTopic for a topic the code does not use: " + name)
                    .isNotNull();
            assertThat(spec.get("partitions")).as(name + " partitions").isEqualTo(layout.partitions());
            assertThat(asStrings).as(name + " config").isEqualTo(layout.config());
            declared.put(name, layout);
        }
        assertThat(declared.keySet()).as("topics without a KafkaTopic").isEqualTo(expected.keySet());
    }

    @Test
    void theRulesTopicIsCompactedAsMessagingServiceDeclaresIt() {
        // messaging-service's RulesTopic declares wx.reply-rules.v1 with TopicBuilder...compact(); readers rebuild
        // each account's rules from the latest record per key, which only compaction keeps.
        assertThat(TopicLayout.ALL)
                .filteredOn(t -> t.name().equals(Topics.REPLY_RULES))
                .singleElement()
                .satisfies(t -> assertThat(t.compacted()).isTrue());
    }
}
