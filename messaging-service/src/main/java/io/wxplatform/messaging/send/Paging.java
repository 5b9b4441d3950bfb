package io.wxplatform.messaging.send;

import org.springframework.http.HttpStatus;

import io.wxplatform.support.web.ApiException;

/** Page number (from 0) and size of a list request, validated. */
record Paging(int page, int size) {

    static final int MAX_SIZE = 100;

    static Paging of(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                    "page must be >= 0 and size between 1 and " + MAX_SIZE);
        }
        return new Paging(page, size);
    }

    int skip() {
        return page * size;
    }
}
