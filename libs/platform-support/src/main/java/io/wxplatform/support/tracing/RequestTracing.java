package io.wxplatform.support.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * A server span for requests answered outside WebFlux's dispatcher (whose own observation covers every other
 * request): it continues the caller's {@code traceparent}. When tracing is off it is one field check, nothing else,
 * so a hot path may call it on every request.
 */
public final class RequestTracing {

    private static final RequestTracing OFF = new RequestTracing(null);

    private final ObservationRegistry registry;

    private RequestTracing(ObservationRegistry registry) {
        this.registry = registry;
    }

    public static RequestTracing off() {
        return OFF;
    }

    public static RequestTracing on(ObservationRegistry registry) {
        return new RequestTracing(registry);
    }

    /** {@code work} answering {@code request} inside a server span named {@code name}. */
    public <T> Mono<T> server(String name, ServerHttpRequest request, Mono<T> work) {
        if (registry == null) {
            return work;
        }
        return Tracing.observe(
                () -> {
                    ReceiverContext<ServerHttpRequest> context = new ReceiverContext<>(
                            (carrier, key) -> carrier.getHeaders().getFirst(key), Kind.SERVER);
                    context.setCarrier(request);
                    return Observation.createNotStarted(name, () -> context, registry)
                            .contextualName(request.getMethod().name() + " " + name)
                            .lowCardinalityKeyValue(
                                    "http.request.method", request.getMethod().name());
                },
                work);
    }
}
