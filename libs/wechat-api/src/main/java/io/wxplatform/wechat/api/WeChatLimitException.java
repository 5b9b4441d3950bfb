package io.wxplatform.wechat.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * A request WeChat would refuse for one of its documented limits (batch sizes, reserved ids, lengths), caught before
 * the call. Renders as 400 problem+json with code {@value #CODE} naming the limit.
 */
public class WeChatLimitException extends IllegalArgumentException implements ErrorResponse {

    public static final String CODE = "WECHAT_LIMIT";

    private final String limit;

    public WeChatLimitException(String limit, String detail) {
        super(detail);
        this.limit = limit;
    }

    public String limit() {
        return limit;
    }

    @Override
    public HttpStatusCode getStatusCode() {
        return HttpStatus.BAD_REQUEST;
    }

    @Override
    public ProblemDetail getBody() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, getMessage());
        problem.setProperty("code", CODE);
        problem.setProperty("limit", limit);
        return problem;
    }
}
