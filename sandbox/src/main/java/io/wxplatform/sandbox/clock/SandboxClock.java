package io.wxplatform.sandbox.clock;

import io.wxplatform.sandbox.web.Resettable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * WeChat's clock as the sandbox sees it: real time (or, frozen, the start-up instant) plus an offset that tests
 * move forward.
 */
@Component
public class SandboxClock extends Clock implements Resettable {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    SandboxClock(ClockProperties props) {
        this.base = props.frozen() ? Clock.fixed(Instant.now(), ZoneOffset.UTC) : Clock.systemUTC();
    }

    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward");
        }
        offset.accumulateAndGet(by, Duration::plus);
        return instant();
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the sandbox clock is UTC");
    }

    @Override
    public void reset() {
        offset.set(Duration.ZERO);
    }
}
