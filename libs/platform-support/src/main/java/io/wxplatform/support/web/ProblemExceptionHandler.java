package io.wxplatform.support.web;

import io.wxplatform.support.logging.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers every unhandled error (from controllers, router functions and filters alike) as problem+json. Runs before
 * Spring Boot's own error handler, which would otherwise answer in its own JSON shape.
 */
public class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

    /** Before Boot's ErrorWebExceptionHandler (-1). */
    public static final int ORDER = -2;

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter writer;

    public ProblemExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ProblemDetail problem = Problems.from(error);
        logError(exchange, error, problem);
        if (error instanceof ErrorResponse known) {
            // e.g. Allow on 405
            exchange.getResponse().getHeaders().addAll(known.getHeaders());
        }
        return writer.write(exchange, problem);
    }

    private static void logError(ServerWebExchange exchange, Throwable error, ProblemDetail problem) {
        // Error handlers run outside the filter chain's Reactor context, so the request id is set here explicitly.
        String requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
        if (requestId == null) {
            log(exchange, error, problem);
            return;
        }
        try (var id = MDC.putCloseable(LogContext.REQUEST_ID, requestId)) {
            log(exchange, error, problem);
        }
    }

    private static void log(ServerWebExchange exchange, Throwable error, ProblemDetail problem) {
        if (problem.getStatus() >= 500) {
            log.error(
                    "{} {} failed",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    error);
        } else {
            log.debug(
                    "{} {} answered {} {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    problem.getStatus(),
                    problem.getProperties());
        }
    }
}
