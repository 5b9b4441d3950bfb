package io.wxplatform.support.logging;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import reactor.util.context.Context;

/**
 * Correlation ids in log lines. A pipeline puts an id in its Reactor context ({@link #withRequestId},
 * {@link #withEventId}); with Reactor's automatic context propagation the id is copied into the logging MDC on
 * whichever thread runs the next step, so a plain {@code log.info(...)} carries it.
 */
public final class LogContext {

    public static final String REQUEST_ID = "requestId";
    public static final String EVENT_ID = "eventId";

    private LogContext() {}

    public static Context withRequestId(String requestId) {
        return Context.of(REQUEST_ID, requestId);
    }

    public static Context withEventId(String eventId) {
        return Context.of(EVENT_ID, eventId);
    }

    /** Registers MDC accessors for our keys once per JVM (the registry ignores nothing, so guard against repeats). */
    static synchronized void registerMdcAccessors() {
        ContextRegistry registry = ContextRegistry.getInstance();
        for (String key : new String[] {REQUEST_ID, EVENT_ID}) {
            boolean present = registry.getThreadLocalAccessors().stream().anyMatch(a -> key.equals(a.key()));
            if (!present) {
                registry.registerThreadLocalAccessor(
                        key, () -> MDC.get(key), value -> MDC.put(key, value), () -> MDC.remove(key));
            }
        }
    }
}
