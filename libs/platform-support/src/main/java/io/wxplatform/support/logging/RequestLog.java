package io.wxplatform.support.logging;

import io.micrometer.observation.Observation;
import io.wxplatform.support.tracing.Tracing;
import org.slf4j.MDC;
import reactor.util.context.ContextView;

/**
 * The ids of one request's log lines, for a hot path that runs without Reactor's automatic context propagation
 * (callback-service) and so carries them itself: the request id and, when the request is traced, its span, whose trace
 * and span ids the tracer puts into the MDC while a line is written.
 *
 * @param observation the request's span, or {@code null} when it is not traced
 */
public record RequestLog(String requestId, Observation observation) {

    /** The request's ids as its pipeline sees them: its span (if any) is in the Reactor context. */
    public static RequestLog of(String requestId, ContextView context) {
        return new RequestLog(requestId, Tracing.current(context));
    }

    /** An untraced request's ids. */
    public static RequestLog of(String requestId) {
        return new RequestLog(requestId, null);
    }

    /** Runs {@code logging} with the request id, and the trace and span ids when traced, in this thread's MDC. */
    public void log(Runnable logging) {
        try (var id = MDC.putCloseable(LogContext.REQUEST_ID, requestId)) {
            if (observation == null) {
                logging.run();
                return;
            }
            try (Observation.Scope scope = observation.openScope()) {
                logging.run();
            }
        }
    }
}
