package io.wxplatform.sandbox.callback;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One POST of a callback to {@code target} (the URL without the signed query). {@code status} is null when no
 * HTTP answer came (timeout, connection refused); {@code reply} is shown per attempt only for repeated deliveries.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attempt(
        int attempt,
        String target,
        Instant at,
        Integer status,
        long millis,
        String error,
        @JsonIgnore String body,
        ReplyView reply) {

    /** A 2xx answer ends the retries, whatever its body; WeChat retries only timeouts and HTTP failures. */
    @JsonIgnore
    public boolean answered() {
        return status != null && status >= 200 && status < 300;
    }

    public Attempt withReply(ReplyView view) {
        return new Attempt(attempt, target, at, status, millis, error, body, view);
    }
}
