package io.wxplatform.gateway.callbacks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.timeout.ReadTimeoutException;
import io.wxplatform.gateway.callbacks.PassThroughMetrics.Outcome;
import io.wxplatform.gateway.paths.EdgePaths;
import io.wxplatform.gateway.paths.PathVerdict;
import io.wxplatform.gateway.problems.EdgeProblems;
import io.wxplatform.requestids.RequestIds;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;

/**
 * WeChat's callbacks and component pushes ({@code /wx/**}), relayed to callback-service straight from the HTTP
 * server, ahead of WebFlux and Spring Cloud Gateway: a callback needs no token, no rate limit and no route lookup,
 * and the Spring Cloud Gateway hop cost about three times callback-service's whole work per callback
 * (docs/benchmarks.md). What the edge still does for them: refuse paths a downstream could normalise differently
 * (400), keep or make the request id, drop hop-by-hop and internal headers, set {@code X-Forwarded-*}, stream the
 * body with the 64 KB limit (413 beyond it, declared or not), and answer 503 — which WeChat retries — when
 * callback-service is slow, unreachable or just found unreachable. Every other path goes on to WebFlux unchanged.
 */
final class CallbackPassThrough implements HttpHandler {

    static final String PREFIX = "/wx/";

    private static final Logger log = LoggerFactory.getLogger(CallbackPassThrough.class);
    private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

    private final HttpHandler next;
    private final CallbackFastPath.Relaying relaying;
    private final EdgeProblems problems;

    CallbackPassThrough(HttpHandler next, CallbackFastPath.Relaying relaying, EdgeProblems problems) {
        this.next = next;
        this.relaying = relaying;
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        String rawPath = request.getURI().getRawPath();
        if (rawPath == null || !rawPath.startsWith(PREFIX)) {
            return next.handle(request, response);
        }
        long started = System.nanoTime();
        String requestId = RequestIds.keepOrGenerate(request.getHeaders().getFirst(ForwardedHeaders.REQUEST_ID));
        response.getHeaders().set(ForwardedHeaders.REQUEST_ID, requestId);
        HttpServerRequest nativeRequest = nativeRequest(request);
        CallbackFastPath.Unfinished unfinished = CallbackFastPath.unfinished(((Connection) nativeRequest).channel());
        if (unfinished != null) {
            return failed(request, response, unfinished.startedNanos(), requestId, unfinished.error());
        }
        if (EdgePaths.classify(rawPath) != PathVerdict.ROUTE) {
            return refuse(
                    request,
                    response,
                    started,
                    Outcome.MALFORMED,
                    HttpStatus.BAD_REQUEST,
                    EdgeProblems.MALFORMED_REQUEST,
                    "Dot segments and encoded separators are not accepted in paths");
        }
        if (request.getHeaders().getContentLength() > relaying.maxBodyBytes()) {
            return tooLarge(request, response, started);
        }
        if (!relaying.availability().worthTrying()) {
            return unavailable(request, response, started, Outcome.UPSTREAM_DOWN, requestId, null);
        }
        return Mono.defer(() -> relay(request, nativeRequest, response, requestId))
                .doOnSuccess(done -> relaying.metrics().record(Outcome.FORWARDED, statusOf(response), started))
                .onErrorResume(error -> failed(request, response, started, requestId, error));
    }

    private Mono<Void> relay(
            ServerHttpRequest request, HttpServerRequest nativeRequest, ServerHttpResponse response, String requestId) {
        io.netty.handler.codec.http.HttpHeaders incoming = nativeRequest.requestHeaders();
        long declared = request.getHeaders().getContentLength();
        boolean hasBody = declared > 0 || incoming.contains(HttpHeaderNames.TRANSFER_ENCODING);
        String query = request.getURI().getRawQuery();
        String pathAndQuery =
                query == null ? request.getURI().getRawPath() : request.getURI().getRawPath() + '?' + query;
        HttpRequest head = RelayedCallback.head(
                relaying.upstream(),
                HttpMethod.valueOf(request.getMethod().name()),
                pathAndQuery,
                incoming,
                requestId,
                request.getRemoteAddress(),
                request.getSslInfo() != null ? "https" : "http",
                hasBody && declared < 0);
        return RelayedCallback.relay(
                        relaying.upstream(),
                        ((Connection) nativeRequest).channel(),
                        head,
                        hasBody ? request.getBody() : null,
                        relaying.maxBodyBytes(),
                        relaying.responseTimeoutNanos())
                .flatMap(answer -> answer(answer, response, requestId));
    }

    private Mono<Void> answer(FullHttpResponse answer, ServerHttpResponse response, String requestId) {
        relaying.availability().reached();
        response.setStatusCode(HttpStatusCode.valueOf(answer.status().code()));
        HttpHeaders out = response.getHeaders();
        ForwardedHeaders.toCaller(answer.headers(), out::add);
        out.set(ForwardedHeaders.REQUEST_ID, requestId);
        ByteBuf content = answer.content();
        if (!content.isReadable()) {
            answer.release();
            return response.setComplete();
        }
        return response.writeWith(Mono.just(BUFFERS.wrap(content)));
    }

    /** Reactor Netty's request under WebFlux's: its connection's event loop relays the callback. */
    private static HttpServerRequest nativeRequest(ServerHttpRequest request) {
        if (ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest nativeRequest
                && nativeRequest instanceof Connection) {
            return nativeRequest;
        }
        throw new IllegalStateException("The callback pass-through needs the Reactor Netty server");
    }

    private Mono<Void> failed(
            ServerHttpRequest request, ServerHttpResponse response, long started, String requestId, Throwable error) {
        if (error instanceof BodyTooLarge) {
            return tooLarge(request, response, started);
        }
        Outcome outcome = outcomeOf(error);
        if (outcome == Outcome.UNAVAILABLE && !isPoolExhausted(error)) {
            relaying.availability().unreachable();
        }
        if (response.isCommitted()) {
            // Too late for an answer of our own: the caller sees the connection close, and WeChat retries.
            relaying.metrics().record(outcome, 500, started);
            logFailure(request, requestId, "was cut off", error);
            return Mono.error(error);
        }
        return unavailable(request, response, started, outcome, requestId, error);
    }

    private Mono<Void> unavailable(
            ServerHttpRequest request,
            ServerHttpResponse response,
            long started,
            Outcome outcome,
            String requestId,
            Throwable error) {
        if (error != null) {
            logFailure(request, requestId, "answered 503", error);
        }
        return refuse(
                request,
                response,
                started,
                outcome,
                HttpStatus.SERVICE_UNAVAILABLE,
                EdgeProblems.SERVICE_UNAVAILABLE,
                "The callback could not be handled now; WeChat will retry");
    }

    private Mono<Void> tooLarge(ServerHttpRequest request, ServerHttpResponse response, long started) {
        return refuse(
                request,
                response,
                started,
                Outcome.TOO_LARGE,
                HttpStatus.CONTENT_TOO_LARGE,
                HttpStatus.CONTENT_TOO_LARGE.name(),
                "The body is over " + relaying.maxBodyBytes() + " bytes");
    }

    private Mono<Void> refuse(
            ServerHttpRequest request,
            ServerHttpResponse response,
            long started,
            Outcome outcome,
            HttpStatus status,
            String code,
            String detail) {
        // Headers an upstream answer may have copied in before failing are not ours to send.
        String requestId = response.getHeaders().getFirst(ForwardedHeaders.REQUEST_ID);
        response.getHeaders().clear();
        response.getHeaders().set(ForwardedHeaders.REQUEST_ID, requestId);
        return problems.write(request, response, EdgeProblems.problem(status, code, detail))
                .doFinally(signal -> relaying.metrics().record(outcome, status.value(), started));
    }

    private static Outcome outcomeOf(Throwable error) {
        if (error instanceof ReadTimeoutException) {
            return Outcome.TIMEOUT;
        }
        if (error instanceof ConnectException
                || error instanceof ConnectTimeoutException
                || error.getCause() instanceof ConnectException
                || isPoolExhausted(error)) {
            return Outcome.UNAVAILABLE;
        }
        return Outcome.FAILED;
    }

    /** Every pooled connection busy for the whole acquire timeout (the pool's own TimeoutException). */
    private static boolean isPoolExhausted(Throwable error) {
        return error instanceof TimeoutException;
    }

    private static int statusOf(ServerHttpResponse response) {
        HttpStatusCode status = response.getStatusCode();
        return status == null ? 200 : status.value();
    }

    /**
     * The pass-through makes no span of its own (callback-service starts or continues the trace), so a line names
     * the trace of the caller's {@code traceparent}, which goes upstream unchanged, when there is one.
     */
    private static void logFailure(ServerHttpRequest request, String requestId, String what, Throwable error) {
        String traceId = ForwardedHeaders.traceId(request.getHeaders().getFirst(ForwardedHeaders.TRACEPARENT));
        Runnable line = () ->
                log.warn("{} {} {}: {}", request.getMethod(), request.getURI().getRawPath(), what, error.toString());
        try (var id = MDC.putCloseable("requestId", requestId)) {
            if (traceId == null) {
                line.run();
                return;
            }
            try (var trace = MDC.putCloseable("traceId", traceId)) {
                line.run();
            }
        }
    }

    /** The request body went over the limit while streaming; stackless, it is an answer, not a bug. */
    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super("Callback body over the limit", null, false, false);
        }
    }
}
