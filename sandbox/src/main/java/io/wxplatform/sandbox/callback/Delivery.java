package io.wxplatform.sandbox.callback;

import java.util.List;

/** The outcome of sending one callback: every attempt, and the reply body if one was answered. */
public record Delivery(String callbackUrl, List<Attempt> attempts, String error) {

    static Delivery notConfigured() {
        return new Delivery(null, List.of(), "the account has no callbackUrl");
    }

    public Attempt answer() {
        return attempts.isEmpty() || !attempts.get(attempts.size() - 1).answered()
                ? null
                : attempts.get(attempts.size() - 1);
    }
}
