package io.wxplatform.callback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How callbacks are accepted.
 *
 * @param replayWindow how far a callback's {@code timestamp} may be from our clock
 * @param kafkaBudget  how long to wait for Kafka's ack before the event goes to the MongoDB outbox instead
 * @param deadline     budget of the whole request; past it the answer is {@code success} if the event is durable,
 *                     else 503
 * @param maxBodySize  larger bodies are refused with 413
 * @param kafkaLinger  how long the producer waits for more events to send with one (each callback waits for its ack)
 */
@ConfigurationProperties("wxplatform.callback")
public record CallbackProperties(
        Duration replayWindow, Duration kafkaBudget, Duration deadline, DataSize maxBodySize, Duration kafkaLinger) {}
