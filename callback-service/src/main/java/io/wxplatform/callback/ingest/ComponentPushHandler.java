package io.wxplatform.callback.ingest;

import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.Timer;
import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.callback.publish.DurablePublisher;
import io.wxplatform.callback.settings.CallbackSettingsCache;
import io.wxplatform.events.ComponentEvent;
import io.wxplatform.wechat.protocol.ComponentPush;
import io.wxplatform.wechat.protocol.ComponentPushes;
import io.wxplatform.wechat.protocol.xml.XmlException;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The component's authorization event URL: verify tickets and (un)authorization pushes, sealed with the component's
 * Token and key, become {@link ComponentEvent}s on {@code wx.component.v1}, durable before {@code success}.
 */
@Component
class ComponentPushHandler {

    private final CallbackSettingsCache settings;
    private final DurablePublisher publisher;
    private final CallbackBodies bodies;
    private final CallbackMetrics metrics;
    private final CallbackAnswers answers;
    private final ReplayWindow replayWindow;
    private final Clock clock;

    ComponentPushHandler(CallbackSettingsCache settings, DurablePublisher publisher, CallbackMetrics metrics,
                         CallbackAnswers answers, CallbackProperties properties, Clock clock) {
        this.settings = settings;
        this.publisher = publisher;
        this.bodies = new CallbackBodies(properties.maxBodySize());
        this.metrics = metrics;
        this.answers = answers;
        this.replayWindow = new ReplayWindow(clock, properties.replayWindow());
        this.clock = clock;
    }

    Mono<ServerResponse> receive(ServerRequest request) {
        Timer.Sample sample = metrics.start();
        String componentAppId = request.pathVariable("componentAppId");
        Map<String, String> query = request.queryParams().toSingleValueMap();
        Deadline deadline = new Deadline();
        Mono<ServerResponse> work = ComponentLookup.componentOf(settings, componentAppId)
                .map(Credentials::component)
                .flatMap(verifier -> replayWindow.check(query)
                        .then(bodies.read(request))
                        .map(body -> parse(verifier.open(query, body), componentAppId))
                        .map(push -> ComponentEvent.of(push, clock.instant())))
                .flatMap(event -> publisher.publish(event)
                        .doOnNext(durability -> deadline.markDurable())
                        .doOnNext(durability -> metrics.received(componentAppId, "component." + event.infoType())))
                .then(answers.success())
                .onErrorResume(error -> answers.failure(componentAppId, error));
        return answers.withinDeadline(work, deadline, sample, componentAppId);
    }

    /** The push must name the component it was sent to, as its ciphertext already did. */
    private static ComponentPush parse(String innerXml, String componentAppId) {
        ComponentPush push;
        try {
            push = ComponentPushes.parse(innerXml);
        } catch (XmlException e) {
            throw CallbackRejection.from(e);
        }
        if (!componentAppId.equals(push.componentAppId())) {
            throw CallbackRejection.of(RejectReason.APPID_MISMATCH);
        }
        return push;
    }
}
