package io.wxplatform.callback.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProducerReadinessTest {

    private final MutableClock clock = new MutableClock();
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
