package io.wxplatform.support.tracing;

import io.micrometer.observation.ObservationRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Producer spans for a {@code KafkaTemplate}'s sends. Their cluster is named by the producer's bootstrap servers:
 * left alone, spring-kafka asks the broker for the cluster id through an admin client on the sending thread, and while
 * Kafka is away every send then waits for that (on callback-service's threads, up to the admin's operation timeout).
 */
public final class KafkaSendTracing {

    private KafkaSendTracing() {}

    /** Observes {@code template}'s sends (with {@code registry}, or the application context's when null). */
    public static void observe(KafkaTemplate<?, ?> template, ObservationRegistry registry) {
        if (registry != null) {
            template.setObservationRegistry(registry);
        }
        template.setObservationEnabled(true);
        KafkaAdmin namedCluster = new KafkaAdmin(Map.of());
        Object servers =
                template.getProducerFactory().getConfigurationProperties().get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        namedCluster.setClusterId(
                servers instanceof Collection<?> list
                        ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                        : String.valueOf(servers));
        template.setKafkaAdmin(namedCluster);
    }
}
