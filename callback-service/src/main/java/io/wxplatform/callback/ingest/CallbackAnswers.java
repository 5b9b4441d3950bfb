package io.wxplatform.callback.ingest;

import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.callback.durability.NotDurableException;
import io.wxplatform.callback.settings.SettingsUnavailableException;
import io.wxplatform.support.logging.RequestLog;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a callback is answered when it is not answered by the intake: a refusal, a 503 so that WeChat retries, or the
 * deadline's verdict; each counted. Applied once, by {@link CallbackIngress}.
 */
@Component
class CallbackAnswers {

    private static final Logger log = LoggerFactory.getLogger(CallbackAnswers.class);

    private final CallbackMetrics metrics;
    private final Duration deadline;

    CallbackAnswers(CallbackMetrics metrics, CallbackProperties properties) {
        this.metrics = metrics;
        this.deadline = properties.deadline();
    }

    /** The whole request's budget. */
    Duration budget() {
        return deadline;
    }

    /** Refusals and failures get a bare status (a 405 also names the methods the URL takes): nothing to learn from. */
    Answer failure(CallbackPath path, RequestLog requestLog, Throwable error) {
        if (error instanceof CallbackRejection rejection) {
            return refused(path, requestLog, rejection.reason());
        }
        if (error instanceof NotDurableException) {
            return unavailable(path, requestLog, "durability", error.getMessage());
        }
        if (error instanceof SettingsUnavailableException) {
            return unavailable(path, requestLog, "settings", error.getMessage());
        }
        metrics.unavailable("error");
        requestLog.log(() -> log.error("Callback for {} failed unexpectedly", path.subject(), error));
        return Answer.bare(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    /** Past the deadline: {@code success} if the event is durable, else 503 so that WeChat retries. */
    Mono<Answer> atDeadline(CallbackPath path, RequestLog requestLog, Deadline.Verdict verdict) {
        if (verdict == Deadline.Verdict.SUCCESS) {
            return Mono.just(Answer.SUCCESS);
        }
        return Mono.just(unavailable(path, requestLog, "deadline", "no durable event within " + deadline));
    }

    private Answer refused(CallbackPath path, RequestLog requestLog, RejectReason reason) {
        metrics.rejected(reason);
        if (log.isDebugEnabled()) {
            requestLog.log(() -> log.debug("Refused callback for {}: {}", path.subject(), reason.tag()));
        }
        return reason == RejectReason.METHOD_NOT_ALLOWED
                ? Answer.methodNotAllowed(path.kind().allowed())
                : Answer.bare(reason.status());
    }

    private Answer unavailable(CallbackPath path, RequestLog requestLog, String cause, String why) {
        metrics.unavailable(cause);
        requestLog.log(() -> log.warn("Callback for {} answered 503 so that WeChat retries: {}", path.subject(), why));
        return Answer.bare(HttpStatus.SERVICE_UNAVAILABLE);
    }
}
