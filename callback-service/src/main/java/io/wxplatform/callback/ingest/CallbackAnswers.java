package io.wxplatform.callback.ingest;

import java.util.Set;

import io.micrometer.core.instrument.Timer;
import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.callback.publish.NotDurableException;
import io.wxplatform.callback.settings.SettingsUnavailableException;
import io.wxplatform.support.logging.LogContext;
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
    Mono<Answer> withinDeadline(Mono<Answer> work, Deadline deadline, Timer.Sample sample, String appId,
                                String requestId) {
        return deadline.guard(work, properties.deadline(), verdict -> atDeadline(appId, requestId, verdict))
                .doOnNext(answer -> metrics.stop(sample, outcome(answer.status())));
    }

    /** Refusals and failures get a bare status: nothing a sender could learn from. */
    Mono<Answer> failure(String appId, String requestId, Throwable error) {
        if (error instanceof CallbackRejection rejection) {
            return refused(appId, requestId, rejection.reason());
        }
        if (error instanceof SettingsUnavailableException || error instanceof NotDurableException) {
            String cause = error instanceof NotDurableException ? "durability" : "settings";
            return unavailable(appId, requestId, cause, error.getMessage());
        }
        metrics.unavailable("error");
        LogContext.logWithRequestId(requestId, () -> log.error("Callback for {} failed unexpectedly", appId, error));
        return Mono.just(Answer.bare(HttpStatus.INTERNAL_SERVER_ERROR));
    }

    Mono<Answer> refused(String appId, String requestId, RejectReason reason) {
        metrics.rejected(reason);
        if (log.isDebugEnabled()) {
            LogContext.logWithRequestId(requestId, () -> log.debug("Refused callback for {}: {}", appId, reason.tag()));
        }
        return Mono.just(Answer.bare(reason.status()));
    }

    /** A refusal like any other, naming the methods the URL takes. */
    Mono<Answer> methodNotAllowed(String appId, String requestId, Set<HttpMethod> allowed) {
        return refused(appId, requestId, RejectReason.METHOD_NOT_ALLOWED).thenReturn(Answer.methodNotAllowed(allowed));
    }

    private Mono<Answer> atDeadline(String appId, String requestId, Deadline.Verdict verdict) {
        if (verdict == Deadline.Verdict.SUCCESS) {
            return Mono.just(Answer.SUCCESS);
        }
        return unavailable(appId, requestId, "deadline", "no durable event within " + properties.deadline());
    }

    private Mono<Answer> unavailable(String appId, String requestId, String cause, String why) {
        metrics.unavailable(cause);
        LogContext.logWithRequestId(requestId,
                () -> log.warn("Callback for {} answered 503 so that WeChat retries: {}", appId, why));
        return Mono.just(Answer.bare(HttpStatus.SERVICE_UNAVAILABLE));
    }

    private static String outcome(HttpStatusCode status) {
        if (status.is2xxSuccessful()) {
            return "accepted";
        }
        return status.is4xxClientError() ? "rejected" : "unavailable";
    }
}
