package io.wxplatform.callback.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.testkit.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProducerReadinessTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    private final ProducerReadiness readiness = new ProducerReadiness(clock);

    @Test
    void beforeAnyAckASendMayBlock() {
        assertThat(readiness.sendsCannotBlock()).isFalse();
    }

    @Test
    void anAckLetsSendsLeaveFromTheCallersThread() {
        readiness.acked();
        assertThat(readiness.sendsCannotBlock()).isTrue();
    }

    @Test
    void aFailureAfterTheAckSendsThemThroughABlockingThreadAgainUntilTheNextAck() {
        readiness.acked();
        readiness.failed();
        assertThat(readiness.sendsCannotBlock()).isFalse();
        readiness.acked();
        assertThat(readiness.sendsCannotBlock()).isTrue();
    }

    @Test
    void anAckIsTrustedOnlyWhileItIsFresh() {
        readiness.acked();
        clock.advance(ProducerReadiness.FRESH_FOR.minusMillis(1));
        assertThat(readiness.sendsCannotBlock()).isTrue();

        clock.advance(Duration.ofMillis(1));

        assertThat(readiness.sendsCannotBlock()).isFalse();
    }

    @Test
    void aClockSteppedBackMakesTheLastAckStale() {
        readiness.acked();

        clock.advance(Duration.ofMinutes(-1));

        assertThat(readiness.sendsCannotBlock()).isFalse();
    }
}
