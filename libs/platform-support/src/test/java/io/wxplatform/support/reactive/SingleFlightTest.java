package io.wxplatform.support.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class SingleFlightTest {

    private final SingleFlight<String, String> flights = new SingleFlight<>();
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void concurrentCallersOfOneKeyShareOneRun() {
        Sinks.One<String> answer = Sinks.one();
        Flux<String> callers = Flux.range(0, 10).flatMap(i -> flights.run("a", () -> counted(answer.asMono())));
        var results = callers.collectList().toFuture();
        assertThat(flights.inFlight()).isEqualTo(1);

        answer.tryEmitValue("v1");

        assertThat(results.join()).hasSize(10).containsOnly("v1");
        assertThat(runs).hasValue(1);
        assertThat(flights.inFlight()).isZero();
    }

    @Test
    void otherKeysRunOnTheirOwn() {
        Sinks.One<String> never = Sinks.one();
        flights.run("a", () -> counted(never.asMono())).subscribe();

        assertThat(flights.run("b", () -> counted(Mono.just("b"))).block(Duration.ofSeconds(1)))
                .isEqualTo("b");
        assertThat(runs).hasValue(2);
    }

    @Test
    void theNextCallerAfterAFinishedRunStartsANewOne() {
        assertThat(flights.run("a", () -> counted(Mono.just("v" + (runs.get() + 1))))
                        .block())
                .isEqualTo("v1");
        assertThat(flights.run("a", () -> counted(Mono.just("v" + (runs.get() + 1))))
                        .block())
                .isEqualTo("v2");
        assertThat(runs).hasValue(2);
    }

    @Test
    void aFailureIsSharedByItsCallersButNotKept() {
        Sinks.One<String> answer = Sinks.one();
        var first = flights.run("a", () -> counted(answer.asMono())).toFuture();
        var second = flights.run("a", () -> counted(answer.asMono())).toFuture();

        answer.tryEmitError(new IllegalStateException("boom"));

        assertThatThrownBy(first::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(second::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(flights.run("a", () -> counted(Mono.just("ok"))).block()).isEqualTo("ok");
        assertThat(runs).hasValue(2);
    }

    @Test
    void anEmptyRunEndsTheFlightToo() {
        assertThat(flights.run("a", () -> counted(Mono.empty())).blockOptional())
                .isEmpty();
        assertThat(flights.inFlight()).isZero();
    }

    private Mono<String> counted(Mono<String> work) {
        runs.incrementAndGet();
        return work;
    }
}
