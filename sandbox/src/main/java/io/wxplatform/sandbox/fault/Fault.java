package io.wxplatform.sandbox.fault;

/**
 * A misbehaviour injected into {@code /cgi-bin} calls: {@code api} is the path after {@code /cgi-bin/} (e.g.
 * {@code stable_token}) or {@code *}; {@code remaining} calls are affected (-1: until cleared).
 */
public record Fault(String api, Kind kind, long latencyMs, int remaining) {

    public enum Kind {
        /** Answer normally after {@code latencyMs}. */
        LATENCY,
        /** errcode -1 "system error", WeChat's "try again". */
        SYSTEM_BUSY,
        /** errcode 45009, the API's daily quota is used up. */
        QUOTA,
        /** Answer only after {@code latencyMs} (default 60 s), long after any sane client gave up. */
        TIMEOUT,
        /**
         * Do the call at once, answer only {@code latencyMs} later: WeChat acted on a request whose caller died or
         * gave up before the answer came (what a {@code clientmsgid} is for).
         */
        LATE_ANSWER
    }

    boolean matches(String calledApi) {
        return remaining != 0 && ("*".equals(api) || api.equals(calledApi));
    }

    Fault used() {
        return remaining < 0 ? this : new Fault(api, kind, latencyMs, remaining - 1);
    }
}
