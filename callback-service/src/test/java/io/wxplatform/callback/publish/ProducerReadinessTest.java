package io.wxplatform.callback.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProducerReadinessTest {

    private final ProducerReadiness readiness = new ProducerReadiness();

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
}
