package io.wxplatform.gateway.problems;

import java.net.URI;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The edge's own answers as RFC 9457 {@code application/problem+json} with a stable {@code code}, in the same shape
 * the services use (platform-support), so a client handles one error format whoever answered.
 */
@Component
public class EdgeProblems {

    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String UPSTREAM_TIMEOUT = "UPSTREAM_TIMEOUT";
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    public static final String BAD_GATEWAY = "BAD_GATEWAY";
    public static final String INTERNAL = "INTERNAL";

    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

    private final HttpMessageWriter<ProblemDetail> writer;

    @SuppressWarnings("unchecked")
    public EdgeProblems(ServerCodecConfigurer codecs) {
        this.writer = (HttpMessageWriter<ProblemDetail>) codecs.getWriters().stream()
                .filter(w -> w.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No codec writes application/problem+json"));
    }

    public static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return problem;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String detail) {
        return write(exchange, problem(status, code, detail));
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        return write(exchange.getRequest(), exchange.getResponse(), problem);
    }

    /**
     * For handlers that run ahead of WebFlux (callbacks.CallbackPassThrough), where there is no exchange.
     *
     * <p>An edge refusal of a request that announced a body closes the connection: its body may be unread, and
     * Reactor Netty (1.3.x up to at least 1.3.8) can then stop reading the kept-alive connection, so that the client's
     * next request waits for an answer that never comes (reactor-netty pull request 4347; platform-support's
     * {@code UnreadBody} does the same in the services).
     */
    public Mono<Void> write(ServerHttpRequest request, ServerHttpResponse response, ProblemDetail problem) {
        HttpHeaders asked = request.getHeaders();
        if (asked.getContentLength() > 0 || asked.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getURI().getRawPath()));
        }
        return writer.write(Mono.just(problem), PROBLEM, MediaType.APPLICATION_PROBLEM_JSON, response, Map.of());
    }
}
