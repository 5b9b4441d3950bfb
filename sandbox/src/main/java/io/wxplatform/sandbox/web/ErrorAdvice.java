package io.wxplatform.sandbox.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Ahead of Boot's problem-details advice, so input errors carry the sandbox's {@code code} too. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorAdvice {

    /** WeChat answers its errors with HTTP 200 and a JSON body. */
    @ExceptionHandler(WeChatException.class)
    ResponseEntity<WeChatError> weChat(WeChatException e) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(e.error());
    }

    /** Unreadable admin bodies (bad JSON, unknown enum values) get the same stable code as other invalid input. */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        return problem(SandboxProblem.badRequest(e.getReason()));
    }

    @ExceptionHandler(SandboxProblem.class)
    ResponseEntity<ProblemDetail> problem(SandboxProblem e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        body.setProperty("code", e.code());
        return ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
