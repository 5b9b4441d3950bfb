package io.wxplatform.sandbox.clock;

import io.wxplatform.sandbox.web.SandboxProblem;
import java.time.Duration;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/sandbox/clock")
class ClockController {

    record Advance(long seconds) {}

    record ClockView(Instant now, long offsetSeconds) {}

    private final SandboxClock clock;

    ClockController(SandboxClock clock) {
        this.clock = clock;
    }

    @GetMapping
    ClockView now() {
        return view();
    }

    @PostMapping("/advance")
    ClockView advance(@RequestBody Advance advance) {
        if (advance.seconds() < 0) {
            throw SandboxProblem.badRequest("seconds must not be negative");
        }
        clock.advance(Duration.ofSeconds(advance.seconds()));
        return view();
    }

    private ClockView view() {
        return new ClockView(clock.instant(), clock.offset().toSeconds());
    }
}
