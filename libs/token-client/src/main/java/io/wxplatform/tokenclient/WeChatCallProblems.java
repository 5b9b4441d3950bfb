package io.wxplatform.tokenclient;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.support.web.Problems;
import io.wxplatform.wechat.api.WeChatApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How a WeChat call made within a tenant's request fails it, in every service that makes one: WeChat's refusal as
 * problem+json {@code WECHAT_ERROR} with WeChat's {@code errcode}, {@code errmsg}, the category and the API — 409 for
 * the follower's window (45015, 45047), 422 when WeChat refused the request itself (45057 a tag with too many
 * followers, 40003 an openid not of the account, …), 403 when WeChat says the account may not call it (48001: the
 * declared type or verification is wrong; 61007: a permission set not granted to the platform — both already
 * recorded on the account by {@link TokenClient#withToken}), 429 for quotas and rates, 503 when trying again may help, 502 otherwise;
 * token-service failing is 503 {@code TOKEN_SERVICE_UNAVAILABLE}. Asynchronous work (sends) records its failures
 * instead. A bean of {@link TokenClientAutoConfiguration}.
 */
@RestControllerAdvice
public class WeChatCallProblems {

    @ExceptionHandler(WeChatApiException.class)
    public ResponseEntity<ProblemDetail> wechat(WeChatApiException error) {
        HttpStatus status = switch (error.category()) {
            case WINDOW -> HttpStatus.CONFLICT;
            case INVALID_REQUEST -> HttpStatus.UNPROCESSABLE_CONTENT;
            case PERMISSION -> HttpStatus.FORBIDDEN;
            case QUOTA_EXCEEDED, RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
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
                .with("category", error.category().name())
                .with("api", error.api()));
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
