package io.wxplatform.callback.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.wxplatform.wechat.protocol.callback.CallbackVerifier;
import reactor.core.publisher.Mono;

/** Refuses callbacks whose {@code timestamp} is missing or too far from our clock: replays of captured requests. */
final class ReplayWindow {

    private final Clock clock;
    private final Duration window;

    ReplayWindow(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    Mono<Void> check(Map<String, String> query) {
        String timestamp = query.get("timestamp");
        if (timestamp == null || timestamp.isEmpty()) {
            return Mono.error(CallbackRejection.of(RejectReason.MISSING_PARAMETER));
        }
        if (!CallbackVerifier.withinWindow(timestamp, clock.instant(), window)) {
            return Mono.error(CallbackRejection.of(RejectReason.STALE_TIMESTAMP));
        }
        return Mono.empty();
    }
}
