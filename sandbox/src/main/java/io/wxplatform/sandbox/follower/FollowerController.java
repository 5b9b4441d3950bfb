package io.wxplatform.sandbox.follower;

import io.wxplatform.sandbox.callback.CallbackProperties;
import io.wxplatform.sandbox.callback.DeliveryPlan;
import io.wxplatform.sandbox.web.SandboxProblem;
import java.time.Duration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A follower acting: each call sends one callback to the account (or to {@code targets}, {@code deliveries} times)
 * and answers with what happened.
 */
@RestController
@RequestMapping("/sandbox/accounts/{appId}/followers/{openId}")
class FollowerController {

    private static final long MAX_WAIT_MS = 60_000;

    private final FollowerSimulator simulator;
    private final CallbackProperties callbacks;

    FollowerController(FollowerSimulator simulator, CallbackProperties callbacks) {
        this.simulator = simulator;
        this.callbacks = callbacks;
    }

    @PostMapping("/messages")
    Mono<CallbackOutcome> message(@PathVariable String appId, @PathVariable String openId,
                                  @RequestBody MessageRequest message,
                                  @RequestParam(defaultValue = "0") int awaitMessages,
                                  @RequestParam(defaultValue = "10000") long timeoutMs) {
        DeliveryPlan plan = DeliveryPlan.of(message.deliveries(), message.targets(), callbacks.maxDeliveries());
        return simulator.message(appId, openId, message, plan, await(awaitMessages, timeoutMs));
    }

    @PostMapping("/events")
    Mono<CallbackOutcome> event(@PathVariable String appId, @PathVariable String openId,
                                @RequestBody EventRequest event,
                                @RequestParam(defaultValue = "0") int awaitMessages,
                                @RequestParam(defaultValue = "10000") long timeoutMs) {
        DeliveryPlan plan = DeliveryPlan.of(event.deliveries(), event.targets(), callbacks.maxDeliveries());
        return simulator.event(appId, openId, event, plan, await(awaitMessages, timeoutMs));
    }

    private static FollowerSimulator.Await await(int messages, long timeoutMs) {
        if (messages < 0 || timeoutMs < 0 || timeoutMs > MAX_WAIT_MS) {
            throw SandboxProblem.badRequest("awaitMessages must be >= 0 and timeoutMs within 0.." + MAX_WAIT_MS);
        }
        return new FollowerSimulator.Await(messages, Duration.ofMillis(timeoutMs));
    }
}
