package io.wxplatform.callback.ingest;

import io.micrometer.core.instrument.Timer;
import io.wxplatform.requestids.RequestIds;
import io.wxplatform.support.logging.RequestLog;
import io.wxplatform.support.tracing.RequestTracing;
import io.wxplatform.wechat.protocol.callback.CallbackVerifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * WeChat's callback URLs, answered straight from the HTTP server, ahead of WebFlux's filters and dispatcher: a
 * callback is authenticated by WeChat's signature rather than a bearer token, is metered by {@link CallbackMetrics}
 * rather than by the generic HTTP observation, and has WeChat's 5-second deadline, so it skips the machinery built
 * for the REST API (docs/benchmarks.md measures what that machinery cost per callback). Every other path, actuator
 * included, goes on to WebFlux unchanged.
 *
 * <p>This is the one place where every callback gets its request id, its deadline, its latency meter and, for any
 * refusal or failure, its answer ({@link CallbackAnswers}); {@link CallbackIntake} does the work in between. The
 * request id is kept or made and answered as everywhere else; it travels with the call rather than in the Reactor
 * context (callback-service turns context propagation off), and every log line about the callback carries it.
 *
 * <p>With tracing on, the callback is answered inside a server span ({@link RequestTracing}) that continues the
 * caller's {@code traceparent}; its Kafka record carries the trace on to the consumers. With tracing off (the
 * default) nothing is created.
 */
final class CallbackIngress implements HttpHandler {

    private final HttpHandler next;
    private final CallbackIntake intake;
    private final CallbackAnswers answers;
    private final CallbackMetrics metrics;
    private final RequestTracing tracing;

    CallbackIngress(
            HttpHandler next,
            CallbackIntake intake,
            CallbackAnswers answers,
            CallbackMetrics metrics,
            RequestTracing tracing) {
        this.next = next;
        this.tracing = tracing;
        this.intake = intake;
        this.answers = answers;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        CallbackPath path =
                CallbackPath.match(request.getPath().pathWithinApplication().value());
        if (path == null) {
            return next.handle(request, response);
        }
        String requestId = RequestIds.keepOrGenerate(request.getHeaders().getFirst(RequestIds.HEADER));
        response.getHeaders().set(RequestIds.HEADER, requestId);
        Timer.Sample sample = metrics.start();
        Deadline deadline = new Deadline();
        // Built inside the span (when traced), so that the callback's log lines carry its trace id too.
        return tracing.server("wx.callback", request, Mono.deferContextual(context -> {
            RequestLog requestLog = RequestLog.of(requestId, context);
            Mono<Answer> answering = Mono.defer(() -> answer(path, requestLog, request, deadline))
                    .onErrorResume(error -> Mono.just(answers.failure(path, requestLog, error)));
            return deadline.guard(answering, answers.budget(), verdict -> answers.atDeadline(path, requestLog, verdict))
                    .flatMap(answer -> {
                        metrics.stop(sample, answer.outcome());
                        return answer.writeTo(response);
                    });
        }));
    }

    /** Refusals a look at the request line and headers can make, then the intake: the handshake or a POST. */
    private Mono<Answer> answer(
            CallbackPath path, RequestLog requestLog, ServerHttpRequest request, Deadline deadline) {
        HttpMethod method = request.getMethod();
        if (!path.kind().allowed().contains(method)) {
            throw CallbackRejection.of(RejectReason.METHOD_NOT_ALLOWED);
        }
        RejectReason impossibleId = path.impossibleId();
        if (impossibleId != null) {
            throw CallbackRejection.of(impossibleId);
        }
        if (method == HttpMethod.GET) {
            return intake.verifyUrl(path.appId(), request);
        }
        if (!CallbackVerifier.acceptsContentType(request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))) {
            throw CallbackRejection.of(RejectReason.UNSUPPORTED_MEDIA_TYPE);
        }
        return intake.receive(path, requestLog, request, deadline);
    }
}
