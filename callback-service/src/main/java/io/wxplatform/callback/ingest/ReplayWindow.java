package io.wxplatform.callback.ingest;

import io.wxplatform.wechat.protocol.callback.CallbackVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Refuses callbacks whose {@code timestamp} is missing or too far from our clock: replays of captured requests. */
final class ReplayWindow {

    private final Clock clock;
    private final Duration window;

    ReplayWindow(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /** @throws CallbackRejection for a missing or stale timestamp */
    void check(Map<String, String> query) {
        String timestamp = query.get("timestamp");
        if (timestamp == null || timestamp.isEmpty()) {
            throw CallbackRejection.of(RejectReason.MISSING_PARAMETER);
        }
        if (!CallbackVerifier.withinWindow(timestamp, clock.instant(), window)) {
            throw CallbackRejection.of(RejectReason.STALE_TIMESTAMP);
        }
    }
}
