package io.wxplatform.support.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.InboundEvent;
import io.wxplatform.support.inbound.InboundHandler;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.InboundEvents;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/** A consumer's handler logs plainly; each of its lines carries the id of the event being handled. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        classes = EventIdLoggingTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "logging.config=classpath:logback-boot-defaults.xml",
            "wxplatform.mongodb.database=event_id_logging_test",
            "wxplatform.inbound.group-id=event-id-logging-test",
            "wxplatform.inbound.max-attempts=3",
            "wxplatform.inbound.first-backoff=50ms",
            "wxplatform.inbound.max-backoff=200ms"
        })
class EventIdLoggingTest {

    private static final Logger log = LoggerFactory.getLogger(EventIdLoggingTest.class);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
    }

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
    }

    @Test
    void everyLogLineOfAnEventsHandlingCarriesItsEventId(CapturedOutput output) {
        String appId = "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong());
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        InboundEvent event = new InboundEvents("tenant-log", appId)
                .text("o-dora", Instant.now().getEpochSecond(), word);

        Inbound.publish(event);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                output.getOut().lines().filter(line -> line.contains("handling " + word)))
                        .hasSize(2)
                        .allSatisfy(line -> assertThat(line).contains("[" + event.eventId() + "]")));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        /** Logs when called and again after a hop to a timer thread. */
        @Bean
        InboundHandler loggingHandler() {
            return event -> {
                String text = event.fields().get("Content");
                log.info("handling {} (called)", text);
                return Mono.delay(Duration.ofMillis(5)).doOnNext(tick -> log.info("handling {} (after a hop)", text));
            };
        }
    }
}
