package io.wxplatform.callback.ingest;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Why a callback was refused, and the status it gets.
 *
 * <p>Signature, replay and key problems answer 403 rather than 401: 401 promises a {@code WWW-Authenticate} challenge
 * the caller could answer, and WeChat has none to answer. WeChat treats every non-2xx answer alike (it retries, three
 * attempts in all, then gives up), so a genuine callback refused because of a misconfigured token or key is retried
 * and never silently acknowledged, while a forged one gains nothing. Unreadable requests answer 400, an unknown
 * account 404, an oversized body 413, a method the URL does not take 405 and a body that is not XML 415.
 */
public enum RejectReason {
    UNKNOWN_APP(HttpStatus.NOT_FOUND),
    UNKNOWN_COMPONENT(HttpStatus.NOT_FOUND),
    ACCOUNT_INACTIVE(HttpStatus.NOT_FOUND),
    MISSING_PARAMETER(HttpStatus.BAD_REQUEST),
    STALE_TIMESTAMP(HttpStatus.FORBIDDEN),
    BAD_SIGNATURE(HttpStatus.FORBIDDEN),
    BAD_MSG_SIGNATURE(HttpStatus.FORBIDDEN),
    NO_KEY(HttpStatus.FORBIDDEN),
    DECRYPT_FAILED(HttpStatus.FORBIDDEN),
    BAD_PADDING(HttpStatus.FORBIDDEN),
    APPID_MISMATCH(HttpStatus.FORBIDDEN),
    MALFORMED(HttpStatus.BAD_REQUEST),
    DTD_FORBIDDEN(HttpStatus.BAD_REQUEST),
    BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE);

    private final HttpStatus status;

    RejectReason(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** The {@code reason} tag of {@code wx.callback.rejected}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
