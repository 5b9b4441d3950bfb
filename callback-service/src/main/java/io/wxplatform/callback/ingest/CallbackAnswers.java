package io.wxplatform.callback.ingest;

import io.micrometer.core.instrument.Timer;
import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.callback.publish.NotDurableException;
import io.wxplatform.callback.settings.SettingsUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** How every callback route answers: {@code success}, a bare refusal, 503, or the deadline's verdict; and counts it. */
@Component
class CallbackAnswers {

    private static final Logger log = LoggerFactory.getLogger(CallbackAnswers.class);
    private static final String SUCCESS = "success";

    private final CallbackMetrics metrics;
    private final CallbackProperties properties;

    CallbackAnswers(CallbackMetrics metrics, CallbackProperties properties) {
        this.metrics = metrics;
        this.properties = properties;
    }

    /** Runs {@code work} under the request's deadline and records its latency by outcome. */
    Mono<ServerResponse> withinDeadline(Mono<ServerResponse> work, Deadline deadline, Timer.Sample sample,
                                        String appId) {
        return deadline.guard(work, properties.deadline(), verdict -> atDeadline(appId, verdict))
                .doOnNext(response -> metrics.stop(sample, outcome(response.statusCode())));
    }

    Mono<ServerResponse> success() {
        return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(SUCCESS);
    }

    /** Refusals and failures get a bare status: nothing a sender could learn from. */
    Mono<ServerResponse> failure(String appId, Throwable error) {
        if (error instanceof CallbackRejection rejection) {
            metrics.rejected(rejection.reason());
            log.debug("Refused callback for {}: {}", appId, rejection.reason().tag());
            return ServerResponse.status(rejection.reason().status()).build();
        }
        if (error instanceof SettingsUnavailableException || error instanceof NotDurableException) {
            String cause = error instanceof NotDurableException ? "durability" : "settings";
            return unavailable(appId, cause, error.getMessage());
        }
        metrics.unavailable("error");
        log.error("Callback for {} failed unexpectedly", appId, error);
        return ServerResponse.status(HttpStatus.INTERNAL_SERVER_ERROR).build();
    }

    private Mono<ServerResponse> atDeadline(String appId, Deadline.Verdict verdict) {
        if (verdict == Deadline.Verdict.SUCCESS) {
            return success();
        }
        return unavailable(appId, "deadline", "no durable event within " + properties.deadline());
    }

    private Mono<ServerResponse> unavailable(String appId, String cause, String why) {
        metrics.unavailable(cause);
        log.warn("Callback for {} answered 503 so that WeChat retries: {}", appId, why);
        return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).build();
    }

    private static String outcome(HttpStatusCode status) {
        if (status.is2xxSuccessful()) {
            return "accepted";
        }
        return status.is4xxClientError() ? "rejected" : "unavailable";
    }
}
