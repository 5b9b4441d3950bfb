package io.wxplatform.support.web;

import org.springframework.http.HttpStatus;

/** Page number (from 0) and size of a list request, validated. */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 100;

    /** Throws a 400 {@code VALIDATION_FAILED} problem when the request asks for an impossible page. */
    public static Paging of(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "VALIDATION_FAILED",
                    "page must be >= 0 and size between 1 and " + MAX_SIZE);
        }
        return new Paging(page, size);
    }

    /** How many items the pages before this one hold. */
    public int skip() {
        return page * size;
    }
}
