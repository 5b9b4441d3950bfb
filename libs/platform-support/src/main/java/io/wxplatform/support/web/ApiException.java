package io.wxplatform.support.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error a service reports to its caller on purpose. Rendered as {@code application/problem+json} with the stable
 * {@code code}, the {@code detail}, per-field {@code errors} (if any) and any extra properties.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, String> fieldErrors;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of(), Map.of());
    }

    public ApiException(HttpStatus status, String code, String detail, Map<String, String> fieldErrors) {
        this(status, code, detail, fieldErrors, Map.of());
    }

    public ApiException(
            HttpStatus status,
            String code,
            String detail,
            Map<String, String> fieldErrors,
            Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.code = code;
        this.fieldErrors = Map.copyOf(fieldErrors);
        this.properties = Map.copyOf(properties);
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }

    /** 400 {@code VALIDATION_FAILED} naming the offending fields. */
    public static ApiException validation(Map<String, String> fieldErrors) {
        return new ApiException(
                HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED, "The request is invalid", fieldErrors);
    }

    /** A copy with one more property in the problem body. */
    public ApiException with(String property, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(properties);
        more.put(property, value);
        return new ApiException(status, code, getMessage(), fieldErrors, more);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
