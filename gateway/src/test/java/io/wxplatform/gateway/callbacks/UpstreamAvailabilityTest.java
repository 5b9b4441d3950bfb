package io.wxplatform.gateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UpstreamAvailabilityTest {

    final AtomicLong now = new AtomicLong(1_000);
    final UpstreamAvailability availability = new UpstreamAvailability(Duration.ofNanos(500), now::get);

    @Test
    void afterAFailedConnectionNothingIsTriedUntilThePauseEnds() {
        assertThat(availability.worthTrying()).isTrue();

        availability.unreachable();
        now.addAndGet(499);
        assertThat(availability.worthTrying()).isFalse();

        now.addAndGet(1);
        assertThat(availability.worthTrying()).isTrue();
    }

    @Test
    void aSuccessfulConnectionEndsThePause() {
        availability.unreachable();
        availability.reached();

        assertThat(availability.worthTrying()).isTrue();
    }

    @Test
    void aZeroPauseNeverHoldsCallbacksBack() {
        UpstreamAvailability never = new UpstreamAvailability(Duration.ZERO, now::get);
        never.unreachable();

        assertThat(never.worthTrying()).isTrue();
    }
}
