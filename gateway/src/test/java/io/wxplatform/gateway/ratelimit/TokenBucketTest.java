package io.wxplatform.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketLetsABurstThroughThenSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket(2, 3, 0);

        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(bucket.take(SECOND / 4)).isEqualTo(Duration.ofMillis(250));
        assertThat(bucket.take(SECOND / 2)).isZero();
    }

    @Test
    void refusedRequestsSpendNothing() {
        TokenBucket bucket = new TokenBucket(1, 1, 0);
        bucket.take(0);
        for (int i = 0; i < 100; i++) {
            assertThat(bucket.take(SECOND / 2)).isEqualTo(Duration.ofMillis(500));
        }
        assertThat(bucket.take(SECOND)).isZero();
    }

    @Test
    void aQuietBucketRefillsOnlyUpToItsBurst() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        bucket.take(0);
        bucket.take(0);

        long anHourLater = 3600 * SECOND;
        assertThat(bucket.take(anHourLater)).isZero();
        assertThat(bucket.take(anHourLater)).isZero();
        assertThat(bucket.take(anHourLater)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndNeverZero() {
        assertThat(TenantRateLimitGatewayFilterFactory.retryAfterSeconds(Duration.ofMillis(1)))
                .isEqualTo("1");
        assertThat(TenantRateLimitGatewayFilterFactory.retryAfterSeconds(Duration.ofMillis(1000)))
                .isEqualTo("1");
        assertThat(TenantRateLimitGatewayFilterFactory.retryAfterSeconds(Duration.ofMillis(1001)))
                .isEqualTo("2");
        assertThat(TenantRateLimitGatewayFilterFactory.retryAfterSeconds(Duration.ofSeconds(20)))
                .isEqualTo("20");
    }
}
