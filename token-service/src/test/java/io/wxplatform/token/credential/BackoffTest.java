package io.wxplatform.token.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5));

    @RepeatedTest(20)
    void eachFailureInARowDoublesTheDelayWithJitterInItsUpperHalf() {
        assertThat(backoff.after(1)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
        assertThat(backoff.after(2)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(backoff.after(4)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(40));
    }

    @Test
    void theDelayNeverExceedsTheMaximumHoweverManyFailures() {
        assertThat(backoff.after(10)).isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5));
        assertThat(backoff.after(1_000)).isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5));
    }
}
