package io.wxplatform.testkit;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/** A running broker of either kind. */
interface KafkaServer extends AutoCloseable {

    String KAFKA_IMAGE = "apache/kafka:4.1.1";
    int DEFAULT_PARTITIONS = 3;

    String bootstrapServers();

    @Override
    void close();

    static KafkaServer embedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(DEFAULT_PARTITIONS),
                // One broker: internal topics cannot have more replicas than that.
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                // Consumer groups in tests should start at once, not after the default 3 s rebalance delay.
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return broker.getBrokersAsString();
            }

            @Override
            public void close() {
                broker.destroy();
            }
        };
    }

    static KafkaServer container() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(DEFAULT_PARTITIONS))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }
}
