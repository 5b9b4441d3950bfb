package io.wxplatform.sandbox.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Ahead of Boot's problem-details advice, so input errors carry the sandbox's {@code code} too.
 *
 * <p>Every error answer to a request that announced a body closes the connection: an error often comes before the
 * body was read (a bad access_token, 48001, an unknown account), and Reactor Netty 1.3.x can then stop reading the
 * kept-alive connection, so the next request on it waits forever (reactor-netty pull request 4347; the platform's
 * services do the same in platform-support's {@code UnreadBody}, which the sandbox, WeChat's stand-in, does not use).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorAdvice {

    /** WeChat answers its errors with HTTP 200 and a JSON body. */
    @ExceptionHandler(WeChatException.class)
    ResponseEntity<WeChatError> weChat(WeChatException e, ServerWebExchange exchange) {
        closeIfBodyAnnounced(exchange);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(e.error());
    }

    /** Unreadable admin bodies (bad JSON, unknown enum values) get the same stable code as other invalid input. */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e, ServerWebExchange exchange) {
        return problem(SandboxProblem.badRequest(e.getReason()), exchange);
    }

    @ExceptionHandler(SandboxProblem.class)
    ResponseEntity<ProblemDetail> problem(SandboxProblem e, ServerWebExchange exchange) {
        closeIfBodyAnnounced(exchange);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        body.setProperty("code", e.code());
        return ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    private static void closeIfBodyAnnounced(ServerWebExchange exchange) {
        HttpHeaders request = exchange.getRequest().getHeaders();
        if (request.getContentLength() > 0 || request.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
    }
}
