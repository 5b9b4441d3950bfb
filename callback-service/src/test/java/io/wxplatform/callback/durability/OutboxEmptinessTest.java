package io.wxplatform.callback.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.testkit.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutboxEmptinessTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
    private final OutboxEmptiness emptiness = new OutboxEmptiness(clock, Duration.ofMillis(1500));

    @Test
    void nothingIsKnownBeforeTheFirstProbe() {
        assertThat(emptiness.knownEmpty()).isFalse();
    }

    @Test
    void anEmptyProbeIsTrustedOnlyForAWhile() {
        emptiness.probed(emptiness.startProbe(), true);
        clock.advance(Duration.ofMillis(1499));
        assertThat(emptiness.knownEmpty()).isTrue();

        clock.advance(Duration.ofMillis(1));

        assertThat(emptiness.knownEmpty()).isFalse();
    }

    @Test
    void aProbeThatFoundAnEventMeansAskingPerFollower() {
        emptiness.probed(emptiness.startProbe(), true);
        emptiness.probed(emptiness.startProbe(), false);

        assertThat(emptiness.knownEmpty()).isFalse();
    }

    @Test
    void anInsertOfThisInstanceEndsTheTrustEvenWhenItRacesTheProbe() {
        OutboxEmptiness.Probe probe = emptiness.startProbe();
        emptiness.inserting();
        emptiness.probed(probe, true);

        assertThat(emptiness.knownEmpty()).isFalse();
        emptiness.probed(emptiness.startProbe(), true);
        assertThat(emptiness.knownEmpty()).isTrue();
    }

    @Test
    void aClockSteppedBackEndsTheTrust() {
        emptiness.probed(emptiness.startProbe(), true);

        clock.advance(Duration.ofSeconds(-1));

        assertThat(emptiness.knownEmpty()).isFalse();
    }
}
