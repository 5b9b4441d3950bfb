package io.wxplatform.token.credential;

import io.wxplatform.events.EventRecords;
import io.wxplatform.events.TokenRotated;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Announces each new credential version on {@code wx.token.v1} (version and expiry, never the value). Best
 * effort: a missed notice only means holders find out on their next 40001 or cache expiry.
 */
@Component
class TokenRotations {

    private static final Logger log = LoggerFactory.getLogger(TokenRotations.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;

    TokenRotations(KafkaTemplate<String, byte[]> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    Mono<Void> announce(Credential stored) {
        TokenRotated event =
                new TokenRotated(stored.appId(), stored.kind().name(), stored.version(), stored.expiresAt());
        // send() may block while topic metadata is missing, so it never runs on an event-loop thread.
        return Mono.fromFuture(() -> kafka.send(EventRecords.token(event, clock.instant())))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(TIMEOUT)
                .then()
                .onErrorResume(error -> {
                    log.warn(
                            "Rotation notice of {} v{} not sent: {}",
                            stored.appId(),
                            stored.version(),
                            error.toString());
                    return Mono.empty();
                });
    }
}
