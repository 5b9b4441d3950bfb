package io.wxplatform.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller (a tenant, or an operator), sized by the caller's plan. In memory and per gateway
 * replica: with N replicas behind a balancer a tenant gets up to N times its plan. Exact platform-wide limits would need
 * a shared store (Redis) on every request's path; we accept the looser bound instead of that dependency and latency.
 */
public class TenantRateLimiter {

    private final RateLimitProperties properties;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public TenantRateLimiter(RateLimitProperties properties, LongSupplier nanoClock) {
        this.properties = properties;
        this.nanoClock = nanoClock;
    }

    /** {@link Duration#ZERO} when the caller may go ahead, otherwise how long it should wait. */
    public Duration acquire(RateLimitKey caller) {
        String planName = switch (caller.kind()) {
            case OPERATOR -> properties.operatorPlan();
            case TENANT -> properties.tenants().getOrDefault(caller.id(), properties.defaultPlan());
            case SUBJECT -> properties.defaultPlan();
        };
        RateLimitProperties.Plan plan = properties.plans().get(planName);
        long now = nanoClock.getAsLong();
        return buckets.computeIfAbsent(
                        caller.bucket(planName), key -> new TokenBucket(plan.requestsPerSecond(), plan.burst(), now))
                .take(now);
    }
}
