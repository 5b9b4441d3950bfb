package io.wxplatform.support.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes a problem as {@code application/problem+json} with the application's own codecs, closing the connection
 * when the request announced a body ({@link UnreadBody}).
 */
public class ProblemWriter {

    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

    private final HttpMessageWriter<ProblemDetail> writer;

    @SuppressWarnings("unchecked")
    public ProblemWriter(List<HttpMessageWriter<?>> writers) {
        this.writer = (HttpMessageWriter<ProblemDetail>) writers.stream()
                .filter(w -> w.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No codec writes application/problem+json"));
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        ServerHttpResponse response = exchange.getResponse();
        UnreadBody.closeConnectionIfAny(exchange);
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(exchange.getRequest().getURI().getRawPath()));
        }
        return writer.write(Mono.just(problem), PROBLEM, MediaType.APPLICATION_PROBLEM_JSON, response, Map.of());
    }
}
