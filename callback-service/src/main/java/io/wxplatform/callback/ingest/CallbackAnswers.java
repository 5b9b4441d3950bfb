package io.wxplatform.callback.ingest;

import java.util.Set;

import io.micrometer.core.instrument.Timer;
import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.callback.publish.NotDurableException;
import io.wxplatform.callback.settings.SettingsUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** How every callback route answers: {@code success}, a bare refusal, 503, or the deadline's verdict; and counts it. */
@Component
class CallbackAnswers {

    private static final Logger log = LoggerFactory.getLogger(CallbackAnswers.class);

    private final CallbackMetrics metrics;
    private final CallbackProperties properties;

    CallbackAnswers(CallbackMetrics metrics, CallbackProperties properties) {
        this.metrics = metrics;
        this.properties = properties;
    }

    /** Runs {@code work} under the request's deadline and records its latency by outcome. */
    Mono<Answer> withinDeadline(Mono<Answer> work, Deadline deadline, Timer.Sample sample, String appId) {
        return deadline.guard(work, properties.deadline(), verdict -> atDeadline(appId, verdict))
                .doOnNext(answer -> metrics.stop(sample, outcome(answer.status())));
    }

    /** Refusals and failures get a bare status: nothing a sender could learn from. */
    Mono<Answer> failure(String appId, Throwable error) {
        if (error instanceof CallbackRejection rejection) {
            return refused(appId, rejection.reason());
        }
        if (error instanceof SettingsUnavailableException || error instanceof NotDurableException) {
            String cause = error instanceof NotDurableException ? "durability" : "settings";
            return unavailable(appId, cause, error.getMessage());
        }
        metrics.unavailable("error");
        log.error("Callback for {} failed unexpectedly", appId, error);
        return Mono.just(Answer.bare(HttpStatus.INTERNAL_SERVER_ERROR));
    }

    Mono<Answer> refused(String appId, RejectReason reason) {
        metrics.rejected(reason);
        log.debug("Refused callback for {}: {}", appId, reason.tag());
        return Mono.just(Answer.bare(reason.status()));
    }

    Mono<Answer> methodNotAllowed(String appId, Set<HttpMethod> allowed) {
        metrics.rejected(RejectReason.METHOD_NOT_ALLOWED);
        log.debug("Refused callback for {}: {}", appId, RejectReason.METHOD_NOT_ALLOWED.tag());
        return Mono.just(Answer.methodNotAllowed(allowed));
    }

    private Mono<Answer> atDeadline(String appId, Deadline.Verdict verdict) {
        if (verdict == Deadline.Verdict.SUCCESS) {
            return Mono.just(Answer.SUCCESS);
        }
        return unavailable(appId, "deadline", "no durable event within " + properties.deadline());
    }

    private Mono<Answer> unavailable(String appId, String cause, String why) {
        metrics.unavailable(cause);
        log.warn("Callback for {} answered 503 so that WeChat retries: {}", appId, why);
        return Mono.just(Answer.bare(HttpStatus.SERVICE_UNAVAILABLE));
    }

    private static String outcome(HttpStatusCode status) {
        if (status.is2xxSuccessful()) {
            return "accepted";
        }
        return status.is4xxClientError() ? "rejected" : "unavailable";
    }
}
