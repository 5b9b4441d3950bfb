package io.wxplatform.callback.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class OutboxEmptinessTest {

    private final MutableClock clock = new MutableClock();
    private final OutboxEmptiness emptiness = new OutboxEmptiness(clock, Duration.ofMillis(1500));

    @Test
    void nothingIsKnownBeforeTheFirstCount() {
        assertThat(emptiness.knownEmpty()).isFalse();
    }

    @Test
    void anEmptyCountIsTrustedOnlyForAWhile() {
        emptiness.counted(emptiness.startReading(), 0);
        assertThat(emptiness.knownEmpty()).isTrue();

        clock.advance(Duration.ofMillis(1500));

        assertThat(emptiness.knownEmpty()).isFalse();
    }

    @Test
    void aNonEmptyCountMeansAskingPerFollower() {
        emptiness.counted(emptiness.startReading(), 0);
        emptiness.counted(emptiness.startReading(), 2);

        assertThat(emptiness.knownEmpty()).isFalse();
    }

    @Test
    void anInsertOfThisInstanceEndsTheTrustEvenWhenItRacesTheCount() {
        OutboxEmptiness.Reading reading = emptiness.startReading();
        emptiness.inserting();
        emptiness.counted(reading, 0);

        assertThat(emptiness.knownEmpty()).isFalse();
        emptiness.counted(emptiness.startReading(), 0);
        assertThat(emptiness.knownEmpty()).isTrue();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
