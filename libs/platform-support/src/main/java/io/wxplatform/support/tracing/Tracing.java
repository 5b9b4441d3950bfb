package io.wxplatform.support.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The platform's one way to run work inside a trace. A span is a Micrometer {@link Observation}, exported by Spring
 * Boot's OpenTelemetry bridge; it travels with a reactive pipeline in the Reactor context (under
 * {@link ObservationThreadLocalAccessor#KEY}, where WebClient and the other observation-aware clients look for their
 * parent), and W3C {@code traceparent} carries it across HTTP calls and Kafka records.
 * <p>
 * Tracing is on when {@code management.tracing.sampling.probability} is above 0 (Kubernetes: 0.1); it is 0 by default
 * ({@link TracingDefaults}), and then the platform's own hooks create no observation at all.
 */
public final class Tracing {

    public static final String SAMPLING_PROBABILITY = "management.tracing.sampling.probability";

    private Tracing() {}

    /** True when some traces are sampled, so the platform's hooks create spans. */
    public static boolean enabled(Environment environment) {
        Double probability = environment.getProperty(SAMPLING_PROBABILITY, Double.class);
        return probability != null && probability > 0;
    }

    /** The observation a pipeline runs in, or {@code null}. */
    public static Observation current(ContextView context) {
        return context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
    }

    /**
     * Runs {@code work} with the observation of {@code context} current on this thread (when there is one): for a
     * client that takes its parent from the thread, such as {@code KafkaTemplate.send}, in a service that runs
     * without Reactor's automatic context propagation (callback-service).
     */
    public static <T> T inScope(ContextView context, Supplier<T> work) {
        Observation observation = current(context);
        if (observation == null) {
            return work.get();
        }
        try (Observation.Scope scope = observation.openScope()) {
            return work.get();
        }
    }

    /**
     * {@code work} inside {@code observation}: started on subscription, stopped when the work ends (failed or
     * cancelled included), and the parent of whatever the work observes (its Reactor context carries it).
     */
    public static <T> Mono<T> observe(Supplier<Observation> observation, Mono<T> work) {
        return Mono.defer(() -> {
            Observation started = observation.get().start();
            return work.contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, started))
                    .doOnError(started::error)
                    .doFinally(signal -> started.stop());
        });
    }
}
