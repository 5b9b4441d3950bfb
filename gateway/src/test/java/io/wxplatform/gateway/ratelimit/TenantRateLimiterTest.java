package io.wxplatform.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TenantRateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimitProperties properties = new RateLimitProperties(
            true,
            "standard",
            "ops",
            Map.of(
                    "standard",
                    new RateLimitProperties.Plan(1, 2),
                    "premium",
                    new RateLimitProperties.Plan(1, 5),
                    "ops",
                    new RateLimitProperties.Plan(1, 1)),
            Map.of("acme", "premium"));
    private final TenantRateLimiter limiter = new TenantRateLimiter(properties, now::get);

    @Test
    void eachTenantSpendsItsOwnPlan() {
        assertThat(allowedInABurst(new RateLimitKey("someone", RateLimitKey.Kind.TENANT)))
                .isEqualTo(2);
        assertThat(allowedInABurst(new RateLimitKey("acme", RateLimitKey.Kind.TENANT)))
                .isEqualTo(5);
        assertThat(allowedInABurst(new RateLimitKey("someone-else", RateLimitKey.Kind.TENANT)))
                .isEqualTo(2);
    }

    @Test
    void operatorsHaveTheirOwnPlanAndTokensWithoutTenantTheDefault() {
        assertThat(allowedInABurst(new RateLimitKey("op-1", RateLimitKey.Kind.OPERATOR)))
                .isEqualTo(1);
        assertThat(allowedInABurst(new RateLimitKey("op-2", RateLimitKey.Kind.OPERATOR)))
                .isEqualTo(1);
        assertThat(allowedInABurst(new RateLimitKey("op-1", RateLimitKey.Kind.SUBJECT)))
                .isEqualTo(2);
    }

    @Test
    void aPlanThatDoesNotExistIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new RateLimitProperties(
                        true,
                        "standard",
                        "ops",
                        Map.of(
                                "standard",
                                new RateLimitProperties.Plan(1, 1),
                                "ops",
                                new RateLimitProperties.Plan(1, 1)),
                        Map.of("acme", "gold")))
                .hasMessageContaining("unknown plan 'gold'");
    }

    private int allowedInABurst(RateLimitKey key) {
        int allowed = 0;
        while (limiter.acquire(key).equals(Duration.ZERO)) {
            allowed++;
        }
        return allowed;
    }
}
