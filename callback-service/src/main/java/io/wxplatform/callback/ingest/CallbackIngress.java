package io.wxplatform.callback.ingest;

import io.wxplatform.requestids.RequestIds;
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
 * included, goes on to WebFlux unchanged. The request id is kept or made and answered as everywhere else; it travels
 * with the call rather than in the Reactor context (callback-service turns context propagation off), and every log
 * line about the callback carries it.
 */
final class CallbackIngress implements HttpHandler {

    private final HttpHandler next;
    private final CallbackHandler callbacks;
    private final ComponentPushHandler pushes;
    private final CallbackAnswers answers;

    CallbackIngress(HttpHandler next, CallbackHandler callbacks, ComponentPushHandler pushes,
                    CallbackAnswers answers) {
        this.next = next;
        this.callbacks = callbacks;
        this.pushes = pushes;
        this.answers = answers;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        CallbackPath path = CallbackPath.match(request.getPath().pathWithinApplication().value());
        if (path == null) {
            return next.handle(request, response);
        }
        String requestId = RequestIds.keepOrGenerate(request.getHeaders().getFirst(RequestIds.HEADER));
        response.getHeaders().set(RequestIds.HEADER, requestId);
        return Mono.defer(() -> answer(path, requestId, request))
                .onErrorResume(error -> answers.failure(path.subject(), requestId, error))
                .flatMap(answer -> answer.writeTo(response));
    }

    /** Refusals a look at the request line and headers can make, then the route's own handling. */
    private Mono<Answer> answer(CallbackPath path, String requestId, ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        if (!path.kind().allowed().contains(method)) {
            return answers.methodNotAllowed(path.subject(), requestId, path.kind().allowed());
        }
        RejectReason impossibleId = path.impossibleId();
        if (impossibleId != null) {
            return answers.refused(path.subject(), requestId, impossibleId);
        }
        if (method == HttpMethod.GET) {
            return callbacks.verifyUrl(path.appId(), requestId, request);
        }
        if (!CallbackVerifier.acceptsContentType(request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))) {
            return answers.refused(path.subject(), requestId, RejectReason.UNSUPPORTED_MEDIA_TYPE);
        }
        return switch (path.kind()) {
            case DIRECT -> callbacks.receive(path.appId(), requestId, request);
            case AUTHORIZED -> callbacks.receiveForComponent(path.componentAppId(), path.appId(), requestId, request);
            case COMPONENT_PUSH -> pushes.receive(path.componentAppId(), requestId, request);
        };
    }
}
