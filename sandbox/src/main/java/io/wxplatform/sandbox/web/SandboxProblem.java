package io.wxplatform.sandbox.web;

import org.springframework.http.HttpStatus;

/** An admin-API failure, rendered as RFC 9457 problem+json with a stable {@code code}. */
public final class SandboxProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public SandboxProblem(HttpStatus status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static SandboxProblem badRequest(String detail) {
        return new SandboxProblem(HttpStatus.BAD_REQUEST, "invalid_request", detail);
    }

    public static SandboxProblem accountNotFound(String appId) {
        return new SandboxProblem(HttpStatus.NOT_FOUND, "account_not_found", "no account " + appId);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
