package io.wxplatform.gateway.ratelimit;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-tenant request limits at the edge, by plan.
 *
 * @param enabled      off only for benchmarks that must not be throttled
 * @param defaultPlan  the plan of a tenant not listed in {@code tenants}
 * @param operatorPlan the plan of each platform operator (keyed by the token's subject: operators have no tenant)
 * @param plans        plan name → its limits
 * @param tenants      tenant id → plan name
 */
@ConfigurationProperties("wxplatform.gateway.rate-limits")
public record RateLimitProperties(
        boolean enabled,
        String defaultPlan,
        String operatorPlan,
        Map<String, Plan> plans,
        Map<String, String> tenants) {

    /**
     * @param requestsPerSecond sustained rate, refilled continuously
     * @param burst             how many requests may come at once after a quiet spell (the bucket's size)
     */
    public record Plan(double requestsPerSecond, int burst) {}

    public RateLimitProperties {
        plans = plans == null ? Map.of() : Map.copyOf(plans);
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        for (String plan : new String[] {defaultPlan, operatorPlan}) {
            requirePlan(plans, plan);
        }
        for (String plan : tenants.values()) {
            requirePlan(plans, plan);
        }
    }

    private static void requirePlan(Map<String, Plan> plans, String name) {
        if (name == null || !plans.containsKey(name)) {
            throw new IllegalArgumentException(
                    "wxplatform.gateway.rate-limits: unknown plan '" + name + "' (plans: " + plans.keySet() + ")");
        }
    }
}
