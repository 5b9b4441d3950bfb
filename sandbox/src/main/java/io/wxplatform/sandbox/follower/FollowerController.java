package io.wxplatform.sandbox.follower;

import io.wxplatform.sandbox.callback.CallbackProperties;
import io.wxplatform.sandbox.callback.DeliveryPlan;
import io.wxplatform.sandbox.qrcode.QrCodes;
import io.wxplatform.sandbox.web.SandboxProblem;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
    private final QrCodes codes;
    private final FollowerRegistry followers;
    private final Clock clock;

    FollowerController(
            FollowerSimulator simulator,
            CallbackProperties callbacks,
            QrCodes codes,
            FollowerRegistry followers,
            Clock clock) {
        this.simulator = simulator;
        this.callbacks = callbacks;
        this.codes = codes;
        this.followers = followers;
        this.clock = clock;
    }

    @PostMapping("/messages")
    Mono<CallbackOutcome> message(
            @PathVariable String appId,
            @PathVariable String openId,
            @RequestBody MessageRequest message,
            @RequestParam(defaultValue = "0") int awaitMessages,
            @RequestParam(defaultValue = "10000") long timeoutMs) {
        DeliveryPlan plan = DeliveryPlan.of(message.deliveries(), message.targets(), callbacks.maxDeliveries());
        return simulator.message(appId, openId, message, plan, await(awaitMessages, timeoutMs));
    }

    @PostMapping("/events")
    Mono<CallbackOutcome> event(
            @PathVariable String appId,
            @PathVariable String openId,
            @RequestBody EventRequest event,
            @RequestParam(defaultValue = "0") int awaitMessages,
            @RequestParam(defaultValue = "10000") long timeoutMs) {
        DeliveryPlan plan = DeliveryPlan.of(event.deliveries(), event.targets(), callbacks.maxDeliveries());
        return simulator.event(appId, openId, event, plan, await(awaitMessages, timeoutMs));
    }

    /**
     * The follower scans a parametric code: a subscribe with EventKey {@code qrscene_<scene>} when not (or no longer)
     * following, a SCAN with the bare scene otherwise, each with the code's ticket. 404 for an unknown ticket, 409
     * for an expired code.
     */
    @PostMapping("/scan")
    Mono<CallbackOutcome> scan(
            @PathVariable String appId,
            @PathVariable String openId,
            @RequestBody Map<String, String> request,
            @RequestParam(defaultValue = "0") int awaitMessages,
            @RequestParam(defaultValue = "10000") long timeoutMs) {
        QrCodes.Code code = codes.find(request.get("ticket"))
                .filter(found -> found.appId().equals(appId))
                .orElseThrow(() -> new SandboxProblem(HttpStatus.NOT_FOUND, "qrcode_not_found", "no such code"));
        if (code.expired(clock.instant())) {
            throw new SandboxProblem(HttpStatus.CONFLICT, "qrcode_expired", "the code has expired");
        }
        boolean following =
                followers.find(appId, openId).map(Follower::subscribed).orElse(false);
        EventRequest event = following
                ? EventRequest.of("SCAN", code.scene(), code.ticket())
                : EventRequest.of("subscribe", "qrscene_" + code.scene(), code.ticket());
        DeliveryPlan plan = DeliveryPlan.of(null, null, callbacks.maxDeliveries());
        return simulator.event(appId, openId, event, plan, await(awaitMessages, timeoutMs));
    }

    private static FollowerSimulator.Await await(int messages, long timeoutMs) {
        if (messages < 0 || timeoutMs < 0 || timeoutMs > MAX_WAIT_MS) {
            throw SandboxProblem.badRequest("awaitMessages must be >= 0 and timeoutMs within 0.." + MAX_WAIT_MS);
        }
        return new FollowerSimulator.Await(messages, Duration.ofMillis(timeoutMs));
    }
}
