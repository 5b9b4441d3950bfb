package io.wxplatform.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.core.publisher.Mono;

class RequestTracingTest {

    private final ServerHttpRequest request = MockServerHttpRequest.post("/wx/wx1/callback")
            .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .build();

    @Test
    void offLeavesTheWorkUntouched() {
        Mono<String> work = Mono.just("success");

        assertThat(RequestTracing.off().server("wx.callback", request, work)).isSameAs(work);
    }

    @Test
    void onRunsTheWorkInAServerObservationThatReadsTheCallersTraceparent() {
        List<Observation.Context> started = new CopyOnWriteArrayList<>();
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStart(Observation.Context context) {
                started.add(context);
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });

        Observation seen = RequestTracing.on(registry)
                .server("wx.callback", request, Mono.deferContextual(context -> Mono.just(Tracing.current(context))))
                .block();

        assertThat(started).singleElement().isInstanceOfSatisfying(ReceiverContext.class, context -> {
            assertThat(context.getKind()).isEqualTo(Kind.SERVER);
            @SuppressWarnings("unchecked")
            ReceiverContext<ServerHttpRequest> receiver = (ReceiverContext<ServerHttpRequest>) context;
            assertThat(receiver.getGetter().get(receiver.getCarrier(), "traceparent"))
                    .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        });
        assertThat(seen.getContext()).isSameAs(started.get(0));
        assertThat(stopped).containsExactlyElementsOf(started);
    }
}
