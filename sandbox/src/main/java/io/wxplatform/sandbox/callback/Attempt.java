package io.wxplatform.sandbox.callback;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One POST of a callback. {@code status} is null when no HTTP answer came (timeout, connection refused). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attempt(int attempt, Instant at, Integer status, long millis, String error, @JsonIgnore String body) {

    /** A 2xx answer ends the retries, whatever its body; WeChat retries only timeouts and HTTP failures. */
    @JsonIgnore
    public boolean answered() {
        return status != null && status >= 200 && status < 300;
    }
}
