package io.wxplatform.wechat.api;

import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * WeChat's permission table forbids the call, so it was not made. Renders as 403 problem+json with code
 * {@value #CODE}, naming the account type, its verification and the API group.
 */
public class WeChatPermissionException extends RuntimeException implements ErrorResponse {

    public static final String CODE = "WECHAT_PERMISSION";

    private final String appId;
    private final AccountType accountType;
    private final boolean verified;
    private final ApiGroup group;

    public WeChatPermissionException(String appId, AccountType accountType, boolean verified, ApiGroup group) {
        super("A " + (verified ? "verified " : "unverified ")
                + accountType.name().toLowerCase(Locale.ROOT) + " account may not call WeChat's " + group
                + " interfaces");
        this.appId = appId;
        this.accountType = accountType;
        this.verified = verified;
        this.group = group;
    }

    public String appId() {
        return appId;
    }

    public AccountType accountType() {
        return accountType;
    }

    public boolean verified() {
        return verified;
    }

    public ApiGroup group() {
        return group;
    }

    @Override
    public HttpStatusCode getStatusCode() {
        return HttpStatus.FORBIDDEN;
    }

    @Override
    public ProblemDetail getBody() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, getMessage());
        problem.setProperty("code", CODE);
        problem.setProperty("appId", appId);
        problem.setProperty("accountType", accountType.name());
        problem.setProperty("verified", verified);
        problem.setProperty("apiGroup", group.name());
        return problem;
    }
}
