package io.wxplatform.sandbox.callback;

import java.util.List;

/**
 * The outcome of sending one callback: how it was signed, every attempt, the answer whose reply the follower sees (the first 2xx;
 * null when none came), and an error when nothing was answered or nothing could be sent.
 */
public record Delivery(
        String callbackUrl, CallbackSigning signing, List<Attempt> attempts, Attempt answer, String error) {

    static Delivery notSent(String callbackUrl, String error) {
        return new Delivery(callbackUrl, null, List.of(), null, error);
    }

    static Delivery of(String callbackUrl, CallbackSigning signing, List<Attempt> attempts) {
        Attempt answer = attempts.stream().filter(Attempt::answered).findFirst().orElse(null);
        String error = answer != null ? null : "no 2xx answer after " + attempts.size() + " attempts";
        return new Delivery(callbackUrl, signing, attempts, answer, error);
    }
}
