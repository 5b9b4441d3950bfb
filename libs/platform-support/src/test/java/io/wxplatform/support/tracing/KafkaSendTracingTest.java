package io.wxplatform.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaTemplate;

class KafkaSendTracingTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, TracingAutoConfiguration.class))
            .withBean(ObservationRegistry.class, ObservationRegistry::create)
            .withPropertyValues(
                    "management.tracing.sampling.probability=1.0",
                    "spring.kafka.bootstrap-servers=127.0.0.1:1",
                    "spring.kafka.producer.properties.max.block.ms=500",
                    "spring.kafka.admin.operation-timeout=20s");

    /**
     * With tracing on and Kafka away, a send fails within the producer's own max.block.ms: it never first waits for
     * an admin client to learn the cluster id for its span (which held callback-service's threads for the admin's
     * operation timeout, 20 s here).
     */
    @Test
    void aTracedSendToAnUnreachableBrokerDoesNotWaitForTheClusterId() {
        service.run(context -> {
            @SuppressWarnings("unchecked")
            KafkaTemplate<Object, Object> template = context.getBean(KafkaTemplate.class);
            assertThat(template.getKafkaAdmin().getClusterId()).isEqualTo("127.0.0.1:1");
            long started = System.nanoTime();

            assertThatThrownBy(() ->
                            template.send(new ProducerRecord<>("t", "k", "v")).get(30, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        });
    }
}
