package io.wxplatform.support.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;

/** Turns any error into an RFC 9457 problem with a stable {@code code}; unknown errors reveal nothing. */
public final class Problems {

    public static final String CODE = "code";
    public static final String ERRORS = "errors";

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String INTERNAL = "INTERNAL";

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty(CODE, code);
        return problem;
    }

    public static ProblemDetail from(Throwable error) {
        if (error instanceof ApiException api) {
            return fromApi(api);
        }
        if (error instanceof WebExchangeBindException invalid) {
            return withErrors(
                    of(HttpStatus.BAD_REQUEST, VALIDATION_FAILED, "The request is invalid"), fieldErrors(invalid));
        }
        if (error instanceof ServerWebInputException malformed) {
            return malformed(malformed);
        }
        if (error instanceof ErrorResponse known) {
            return fromSpring(known);
        }
        return of(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL, "An unexpected error occurred");
    }

    private static ProblemDetail fromApi(ApiException api) {
        ProblemDetail problem = of(api.status(), api.code(), api.detail());
        api.properties().forEach(problem::setProperty);
        return withErrors(problem, api.fieldErrors());
    }

    /** Unreadable bodies, missing or mistyped parameters: Spring's reason names what, never our internals. */
    private static ProblemDetail malformed(ServerWebInputException error) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, MALFORMED_REQUEST, error.getReason());
        String field = JsonPaths.offendingField(error);
        if (field != null) {
            return withErrors(problem, Map.of(field, "Cannot be read as the expected type"));
        }
        if (error.getMethodParameter() != null && error.getMethodParameter().getParameterName() != null) {
            problem = withErrors(
                    problem, Map.of(error.getMethodParameter().getParameterName(), String.valueOf(error.getReason())));
        }
        return problem;
    }

    /**
     * 404, 405, 406, 415 and other errors Spring describes itself; the code is the status name. A library's own
     * {@link ErrorResponse} whose body carries a {@code code} (e.g. wechat-api's permission refusal) keeps its body.
     */
    private static ProblemDetail fromSpring(ErrorResponse error) {
        HttpStatusCode status = error.getStatusCode();
        Map<String, Object> properties = error.getBody().getProperties();
        if (!status.is5xxServerError() && properties != null && properties.get(CODE) instanceof String) {
            return error.getBody();
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        String code = known != null ? known.name() : "HTTP_" + status.value();
        String detail = status.is5xxServerError()
                ? "An unexpected error occurred"
                : error.getBody().getDetail();
        return of(status, status.is5xxServerError() ? INTERNAL : code, detail);
    }

    private static Map<String, String> fieldErrors(WebExchangeBindException invalid) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ObjectError error : invalid.getAllErrors()) {
            String name = error instanceof FieldError field ? field.getField() : error.getObjectName();
            errors.putIfAbsent(name, String.valueOf(error.getDefaultMessage()));
        }
        return errors;
    }

    private static ProblemDetail withErrors(ProblemDetail problem, Map<String, String> errors) {
        if (!errors.isEmpty()) {
            problem.setProperty(ERRORS, errors);
        }
        return problem;
    }
}
