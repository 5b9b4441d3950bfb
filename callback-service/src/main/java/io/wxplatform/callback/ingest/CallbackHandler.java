package io.wxplatform.callback.ingest;

import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.Timer;
import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.callback.publish.DurablePublisher;
import io.wxplatform.callback.settings.CallbackSettings;
import io.wxplatform.callback.settings.CallbackSettingsCache;
import io.wxplatform.callback.settings.ComponentSettings;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.callback.CallbackRejectedException;
import io.wxplatform.wechat.protocol.callback.CallbackVerifier;
import io.wxplatform.wechat.protocol.xml.XmlException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * WeChat's callback endpoints for followers' messages and events, of direct accounts and of accounts authorized to a
 * component. A POST is answered {@code success} only after its event is durable (in Kafka, or in the outbox when
 * Kafka is slow); anything that cannot be verified is refused (4xx) and anything that cannot be made durable before
 * the request's deadline answers 503, so that WeChat retries.
 */
@Component
class CallbackHandler {

    private final CallbackSettingsCache settings;
    private final DurablePublisher publisher;
    private final CallbackBodies bodies;
    private final CallbackMetrics metrics;
    private final CallbackAnswers answers;
    private final ReplayWindow replayWindow;
    private final Clock clock;

    CallbackHandler(CallbackSettingsCache settings, DurablePublisher publisher, CallbackMetrics metrics,
                    CallbackAnswers answers, CallbackProperties properties, Clock clock) {
        this.settings = settings;
        this.publisher = publisher;
        this.bodies = new CallbackBodies(properties.maxBodySize());
        this.metrics = metrics;
        this.answers = answers;
        this.replayWindow = new ReplayWindow(clock, properties.replayWindow());
        this.clock = clock;
    }

    /** URL verification: answer {@code echostr} when the signature proves the request knows the account's token. */
    Mono<ServerResponse> verifyUrl(ServerRequest request) {
        String appId = request.pathVariable("appId");
        Map<String, String> query = request.queryParams().toSingleValueMap();
        return accountOf(appId)
                .map(account -> echostr(account, query))
                .flatMap(echostr -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(echostr))
                .onErrorResume(error -> answers.failure(appId, error));
    }

    /** A follower's message or event, for a direct account: its own Token and keys. */
    Mono<ServerResponse> receive(ServerRequest request) {
        String appId = request.pathVariable("appId");
        return receive(request, appId, accountOf(appId).map(Credentials::direct));
    }

    /** The same for an account authorized to a component: the component's Token and keys, sealed for the component. */
    Mono<ServerResponse> receiveForComponent(ServerRequest request) {
        String appId = request.pathVariable("appId");
        String componentAppId = request.pathVariable("componentAppId");
        return receive(request, appId, accountOf(appId)
                .zipWith(ComponentLookup.componentOf(settings, componentAppId), Credentials::authorized));
    }

    private Mono<ServerResponse> receive(ServerRequest request, String appId, Mono<Credentials> credentials) {
        Timer.Sample sample = metrics.start();
        Map<String, String> query = request.queryParams().toSingleValueMap();
        Deadline deadline = new Deadline();
        Mono<ServerResponse> work = credentials
                .flatMap(verifier -> replayWindow.check(query)
                        .then(bodies.read(request))
                        .map(body -> verifier.open(query, body))
                        .map(CallbackHandler::parse)
                        .map(message -> InboundEvent.of(verifier.tenantId(), appId, message, clock.instant())))
                .flatMap(event -> publisher.publish(event)
                        .doOnNext(durability -> deadline.markDurable())
                        .doOnNext(durability -> metrics.received(appId, event.msgType())))
                .then(answers.success())
                .onErrorResume(error -> answers.failure(appId, error));
        return answers.withinDeadline(work, deadline, sample, appId);
    }

    private Mono<CallbackSettings> accountOf(String appId) {
        return settings.find(appId)
                .switchIfEmpty(Mono.error(() -> CallbackRejection.of(RejectReason.UNKNOWN_APP)))
                .filter(CallbackSettings::active)
                .switchIfEmpty(Mono.error(() -> CallbackRejection.of(RejectReason.ACCOUNT_INACTIVE)));
    }

    private static String echostr(CallbackSettings account, Map<String, String> query) {
        try {
            return CallbackVerifier.verifyHandshake(query, account.callbackToken());
        } catch (CallbackRejectedException e) {
            throw CallbackRejection.from(e);
        }
    }

    private static InboundMessage parse(String innerXml) {
        try {
            return InboundMessages.parse(innerXml);
        } catch (XmlException e) {
            throw CallbackRejection.from(e);
        }
    }
}
