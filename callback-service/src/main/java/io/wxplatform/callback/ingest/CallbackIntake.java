package io.wxplatform.callback.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.core.instrument.Timer;
import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.callback.publish.Durability;
import io.wxplatform.callback.publish.DurablePublisher;
import io.wxplatform.events.ComponentEvent;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.wechat.protocol.callback.OpenedCallback;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What every POST callback route does alike: run under the request's deadline and meters, refuse replays, read the
 * body within its limit, verify and open it with the right credentials, and make the event durable.
 */
@Component
class CallbackIntake {

    private final CallbackBodies bodies;
    private final ReplayWindow replayWindow;
    private final DurablePublisher publisher;
    private final CallbackMetrics metrics;
    private final CallbackAnswers answers;
    private final Clock clock;

    CallbackIntake(CallbackProperties properties, DurablePublisher publisher, CallbackMetrics metrics,
                   CallbackAnswers answers, Clock clock) {
        this.bodies = new CallbackBodies(properties.maxBodySize());
        this.replayWindow = new ReplayWindow(clock, properties.replayWindow());
        this.publisher = publisher;
        this.metrics = metrics;
        this.answers = answers;
        this.clock = clock;
    }

    /**
     * Runs {@code work} (given the request's deadline) and answers with its response; a refusal or failure becomes
     * its status, and past the deadline the answer is {@code success} if the event is durable, else 503.
     */
    Mono<Answer> handle(String appId, String requestId, Function<Deadline, Mono<Answer>> work) {
        Timer.Sample sample = metrics.start();
        Deadline deadline = new Deadline();
        Mono<Answer> answered = Mono.defer(() -> work.apply(deadline))
                .onErrorResume(error -> answers.failure(appId, requestId, error));
        return answers.withinDeadline(answered, deadline, sample, appId, requestId);
    }

    /** Replay window, body, signatures, decryption: the verified callback. */
    Mono<OpenedCallback> open(ServerHttpRequest request, Map<String, String> query, Credentials credentials) {
        return replayWindow.check(query)
                .then(bodies.read(request))
                .map(body -> credentials.open(query, body));
    }

    Mono<Durability> publish(InboundEvent event, String requestId, Deadline deadline) {
        return durable(publisher.publish(event, requestId), deadline, event.appId(), event.msgType());
    }

    Mono<Durability> publish(ComponentEvent event, String requestId, Deadline deadline, String componentAppId) {
        return durable(publisher.publish(event, requestId), deadline, componentAppId,
                "component." + event.infoType());
    }

    Instant now() {
        return clock.instant();
    }

    private Mono<Durability> durable(Mono<Durability> publishing, Deadline deadline, String appId, String type) {
        return publishing
                .doOnNext(durability -> deadline.markDurable())
                .doOnNext(durability -> metrics.received(appId, type));
    }
}
