package io.wxplatform.messaging.send;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.support.web.Problems;
import io.wxplatform.tokenclient.TokenServiceException;
import io.wxplatform.wechat.api.WeChatApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * WeChat's refusal of a call made within a request (the typing indicator; sends are asynchronous and record theirs)
 * as problem+json {@code WECHAT_ERROR} with errcode, errmsg and category: 409 for the window (45015, 45047), 403 for
 * permission (48001), 422 for other refusals of the request, 429 for rates, 503 when trying again may help, 502
 * otherwise; token-service failing is 503 {@code TOKEN_SERVICE_UNAVAILABLE}.
 */
@RestControllerAdvice(assignableTypes = MessagesController.class)
public class WeChatErrors {

    @ExceptionHandler(WeChatApiException.class)
    public ResponseEntity<ProblemDetail> wechat(WeChatApiException error) {
        HttpStatus status = switch (error.category()) {
            case WINDOW, QUOTA_EXCEEDED -> HttpStatus.CONFLICT;
            case INVALID_REQUEST -> HttpStatus.UNPROCESSABLE_CONTENT;
            case PERMISSION -> HttpStatus.FORBIDDEN;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case RETRYABLE, TOKEN_INVALID, COMPONENT_TICKET -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_GATEWAY;
        };
        return problem(new ApiException(
                        status,
                        "WECHAT_ERROR",
                        "WeChat refused " + error.api() + " for " + error.appId() + ": " + error.errcode() + " "
                                + error.errmsg())
                .with("errcode", error.errcode())
                .with("errmsg", error.errmsg())
                .with("category", error.category().name()));
    }

    @ExceptionHandler(TokenServiceException.class)
    public ResponseEntity<ProblemDetail> tokenService(TokenServiceException error) {
        return problem(new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "TOKEN_SERVICE_UNAVAILABLE",
                "No access token for the account from token-service"));
    }

    private static ResponseEntity<ProblemDetail> problem(ApiException error) {
        return ResponseEntity.status(error.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.from(error));
    }
}
