package io.wxplatform.wechat.api;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * A WeChat call that got no answer, described without its URL: no cause, no stack and no suppressed exceptions, so
 * that neither Reactor's checkpoint (which names the request URL, access token included) nor a span that records the
 * exception can carry the query. {@link #redacting()} turns every exchange failure into one.
 */
final class TransportFailure extends RuntimeException {

    private TransportFailure(String description) {
        super(description, null, false, false);
    }

    static ExchangeFilterFunction redacting() {
        return (request, next) -> next.exchange(request)
                .onErrorMap(
                        error -> !(error instanceof TransportFailure), error -> new TransportFailure(describe(error)));
    }

    /** Names the root cause without its stack, which could carry the request URL. */
    static String describe(Throwable error) {
        if (error instanceof TransportFailure) {
            return error.getMessage();
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return "no answer within the deadline (" + t.getClass().getSimpleName() + ")";
            }
            if (t instanceof ConnectException) {
                return "connection failed: " + t.getMessage();
            }
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
