package io.wxplatform.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the topics a benchmark's services expect, as production has them, unless they exist already. */
public final class BenchTopics {

    private static final int PARTITIONS = 3;

    private BenchTopics() {}

    /** {@code topics} with three partitions each; those in {@code compacted} keep the latest record per key. */
    public static void createMissing(String bootstrapServers, List<String> topics, List<String> compacted)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> compacted.contains(topic)
                            ? new NewTopic(topic, PARTITIONS, (short) 1).configs(Map.of("cleanup.policy", "compact"))
                            : new NewTopic(topic, PARTITIONS, (short) 1))
                    .toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }
}
