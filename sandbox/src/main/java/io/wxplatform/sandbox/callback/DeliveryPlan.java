package io.wxplatform.sandbox.callback;

import io.wxplatform.sandbox.web.SandboxProblem;
import java.net.URI;
import java.util.List;

/**
 * How often and where a callback goes. One delivery is WeChat's normal behaviour (retries only on failure); more
 * send the byte-identical request that many times whatever the answers, as WeChat's retries of a slow platform do.
 * {@code targets}, when given, replace the account's callback URL and take the attempts round-robin.
 */
public record DeliveryPlan(int deliveries, List<String> targets) {

    public static final DeliveryPlan DEFAULT = new DeliveryPlan(1, List.of());

    public DeliveryPlan {
        targets = List.copyOf(targets);
    }

    /** Validates the optional request fields {@code deliveries} and {@code targets}. */
    public static DeliveryPlan of(Integer deliveries, List<String> targets, int maxDeliveries) {
        int n = deliveries == null ? 1 : deliveries;
        if (n < 1 || n > maxDeliveries) {
            throw SandboxProblem.badRequest("deliveries must be within 1.." + maxDeliveries);
        }
        List<String> urls = targets == null ? List.of() : targets;
        for (String url : urls) {
            if (!isHttpUrl(url)) {
                throw SandboxProblem.badRequest("targets must be absolute http(s) URLs: " + url);
            }
        }
        return new DeliveryPlan(n, urls);
    }

    public boolean repeats() {
        return deliveries > 1;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
