package io.wxplatform.gateway.problems;

import io.netty.channel.ConnectTimeoutException;
import io.wxplatform.gateway.headers.RequestIdWebFilter;
import java.io.IOException;
import java.net.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error the edge itself meets on its Spring Cloud Gateway routes (the REST API, {@code /connect/**}, API docs),
 * as problem+json: no route (404), a service that is down (503), too slow (504) or answers garbage (502). Runs before
 * Spring Boot's error handler (order -1), which would answer in its own shape.
 */
@Component
@Order(-2)
public class EdgeErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(EdgeErrorHandler.class);

    private final EdgeProblems problems;

    public EdgeErrorHandler(EdgeProblems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        // Callbacks (/wx/**) never get here: callbacks.CallbackPassThrough answers them ahead of WebFlux.
        ProblemDetail problem = UpstreamFailures.forApi(error);
        if (problem.getStatus() >= 500) {
            // The edge keeps its request id in the response header, not in a Reactor context: put it in the MDC here.
            String requestId = exchange.getResponse().getHeaders().getFirst(RequestIdWebFilter.HEADER);
            try (var id = MDC.putCloseable("requestId", requestId == null ? "" : requestId)) {
                log.warn(
                        "{} {} answered {}: {}",
                        exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(),
                        problem.getStatus(),
                        error.toString());
            }
        }
        return problems.write(exchange, problem);
    }

    /** Maps what went wrong to the answer a client (or WeChat) can act on. */
    static final class UpstreamFailures {

        private UpstreamFailures() {}

        static ProblemDetail forApi(Throwable error) {
            if (isTimeout(error)) {
                return EdgeProblems.problem(
                        HttpStatus.GATEWAY_TIMEOUT,
                        EdgeProblems.UPSTREAM_TIMEOUT,
                        "The service did not answer in time");
            }
            if (error instanceof ConnectException || error.getCause() instanceof ConnectException) {
                return EdgeProblems.problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        EdgeProblems.SERVICE_UNAVAILABLE,
                        "The service is unavailable; try again later");
            }
            if (error instanceof IOException) {
                return EdgeProblems.problem(
                        HttpStatus.BAD_GATEWAY, EdgeProblems.BAD_GATEWAY, "The service's answer could not be relayed");
            }
            if (error instanceof ResponseStatusException status) {
                return fromStatus(status);
            }
            return EdgeProblems.problem(
                    HttpStatus.INTERNAL_SERVER_ERROR, EdgeProblems.INTERNAL, "An unexpected error occurred");
        }

        private static boolean isTimeout(Throwable error) {
            return error instanceof TimeoutException
                    || error instanceof ConnectTimeoutException
                    || error.getCause() instanceof TimeoutException
                    || error instanceof ResponseStatusException status
                            && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value();
        }

        /** No route (404), a refused body (413) and the like: the status name is the code. */
        private static ProblemDetail fromStatus(ResponseStatusException error) {
            HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
            if (status == null || status.is5xxServerError()) {
                HttpStatus shown = status == HttpStatus.SERVICE_UNAVAILABLE ? status : HttpStatus.BAD_GATEWAY;
                return EdgeProblems.problem(shown, shown.name(), "The service is unavailable; try again later");
            }
            String detail = status == HttpStatus.NOT_FOUND ? "No such resource" : error.getReason();
            return EdgeProblems.problem(status, status.name(), detail);
        }
    }
}
