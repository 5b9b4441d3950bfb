package io.wxplatform.callback.ingest;

import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.Timer;
import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.callback.publish.InboundPublisher;
import io.wxplatform.callback.publish.NotDurableException;
import io.wxplatform.callback.settings.CallbackSettings;
import io.wxplatform.callback.settings.CallbackSettingsCache;
import io.wxplatform.callback.settings.SettingsUnavailableException;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.callback.CallbackRejectedException;
import io.wxplatform.wechat.protocol.callback.CallbackVerifier;
import io.wxplatform.wechat.protocol.xml.XmlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * WeChat's callback endpoint. A POST is answered {@code success} only after its event is durable in Kafka; anything
 * that cannot be verified is refused (4xx) and anything that cannot be made durable in time answers 503, so that
 * WeChat retries.
 */
@Component
class CallbackHandler {

    private static final Logger log = LoggerFactory.getLogger(CallbackHandler.class);
    private static final String SUCCESS = "success";

    private final CallbackSettingsCache settings;
    private final InboundPublisher publisher;
    private final CallbackBodies bodies;
    private final CallbackMetrics metrics;
    private final CallbackProperties properties;
    private final Clock clock;

    CallbackHandler(CallbackSettingsCache settings, InboundPublisher publisher, CallbackMetrics metrics,
                    CallbackProperties properties, Clock clock) {
        this.settings = settings;
        this.publisher = publisher;
        this.bodies = new CallbackBodies(properties.maxBodySize());
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** URL verification: answer {@code echostr} when the signature proves the request knows the account's token. */
    Mono<ServerResponse> verifyUrl(ServerRequest request) {
        String appId = request.pathVariable("appId");
        Map<String, String> query = request.queryParams().toSingleValueMap();
        return settingsOf(appId)
                .map(account -> echostr(account, query))
                .flatMap(echostr -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(echostr))
                .onErrorResume(error -> answerFailure(appId, error));
    }

    /** A follower's message or event. */
    Mono<ServerResponse> receive(ServerRequest request) {
        Timer.Sample sample = metrics.start();
        String appId = request.pathVariable("appId");
        Map<String, String> query = request.queryParams().toSingleValueMap();
        return settingsOf(appId)
                .flatMap(account -> requireFreshTimestamp(query)
                        .then(bodies.read(request))
                        .map(body -> open(account, query, body))
                        .map(CallbackHandler::parse)
                        .map(message -> InboundEvent.of(account.tenantId(), appId, message, clock.instant())))
                .flatMap(publisher::publish)
                .doOnNext(event -> metrics.received(appId, event.msgType()))
                .then(answerSuccess())
                .onErrorResume(error -> answerFailure(appId, error))
                .doOnNext(response -> metrics.stop(sample, outcome(response.statusCode())));
    }

    private Mono<CallbackSettings> settingsOf(String appId) {
        return settings.find(appId)
                .switchIfEmpty(Mono.error(() -> CallbackRejection.of(RejectReason.UNKNOWN_APP)))
                .filter(CallbackSettings::active)
                .switchIfEmpty(Mono.error(() -> CallbackRejection.of(RejectReason.ACCOUNT_INACTIVE)));
    }

    private Mono<Void> requireFreshTimestamp(Map<String, String> query) {
        String timestamp = query.get("timestamp");
        if (timestamp == null || timestamp.isEmpty()) {
            return Mono.error(CallbackRejection.of(RejectReason.MISSING_PARAMETER));
        }
        if (!CallbackVerifier.withinWindow(timestamp, clock.instant(), properties.replayWindow())) {
            return Mono.error(CallbackRejection.of(RejectReason.STALE_TIMESTAMP));
        }
        return Mono.empty();
    }

    private static String echostr(CallbackSettings account, Map<String, String> query) {
        try {
            return CallbackVerifier.verifyHandshake(query, account.callbackToken());
        } catch (CallbackRejectedException e) {
            throw CallbackRejection.from(e);
        }
    }

    /** Verifies the signatures and, for encrypted callbacks, decrypts with the current or the previous key. */
    private static String open(CallbackSettings account, Map<String, String> query, String body) {
        try {
            return CallbackVerifier.verify(query, body, account.callbackToken(), account.aesKeys(), account.appId())
                    .innerXml();
        } catch (CallbackRejectedException e) {
            throw CallbackRejection.from(e);
        } catch (XmlException e) {
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

    private static Mono<ServerResponse> answerSuccess() {
        return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(SUCCESS);
    }

    /** Refusals and failures get a bare status: nothing a sender could learn from. */
    private Mono<ServerResponse> answerFailure(String appId, Throwable error) {
        if (error instanceof CallbackRejection rejection) {
            metrics.rejected(rejection.reason());
            log.debug("Refused callback for {}: {}", appId, rejection.reason().tag());
            return ServerResponse.status(rejection.reason().status()).build();
        }
        if (error instanceof SettingsUnavailableException || error instanceof NotDurableException) {
            String cause = error instanceof NotDurableException ? "kafka" : "settings";
            metrics.unavailable(cause);
            log.warn("Callback for {} answered 503 so that WeChat retries: {}", appId, error.getMessage());
            return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        metrics.unavailable("error");
        log.error("Callback for {} failed unexpectedly", appId, error);
        return ServerResponse.status(HttpStatus.INTERNAL_SERVER_ERROR).build();
    }

    private static String outcome(HttpStatusCode status) {
        if (status.is2xxSuccessful()) {
            return "accepted";
        }
        return status.is4xxClientError() ? "rejected" : "unavailable";
    }
}
