package io.wxplatform.gateway.headers;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Hooks;

/**
 * The edge's log lines carry the request id: the {@code requestId} that {@link RequestIdWebFilter} puts in the Reactor
 * context is copied into the MDC on every thread hop ({@code logging.pattern.correlation} prints it).
 */
@Configuration(proxyBeanMethods = false)
public class RequestIdLogging {

    static final String KEY = "requestId";

    public RequestIdLogging() {
        ContextRegistry registry = ContextRegistry.getInstance();
        if (registry.getThreadLocalAccessors().stream().noneMatch(accessor -> KEY.equals(accessor.key()))) {
            registry.registerThreadLocalAccessor(KEY, () -> MDC.get(KEY), value -> MDC.put(KEY, value),
                    () -> MDC.remove(KEY));
        }
        Hooks.enableAutomaticContextPropagation();
    }
}
