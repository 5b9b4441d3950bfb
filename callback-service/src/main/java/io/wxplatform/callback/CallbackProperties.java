package io.wxplatform.callback;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How callbacks are accepted.
 *
 * @param replayWindow      how far a callback's {@code timestamp} may be from our clock
 * @param durabilityTimeout how long to wait for Kafka's ack before answering 503
 * @param maxBodySize       larger bodies are refused with 413
 */
@ConfigurationProperties("wxplatform.callback")
public record CallbackProperties(Duration replayWindow, Duration durabilityTimeout, DataSize maxBodySize) {
}
