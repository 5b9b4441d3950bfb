package io.wxplatform.callback.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.callback.ingest.Deadline.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class DeadlineTest {

    private static final Duration BUDGET = Duration.ofMillis(200);

    @Test
    void pastTheDeadlineADurableEventIsAnsweredSuccess() {
        Deadline deadline = new Deadline();

        String answer = deadline.guard(
                        Mono.<String>never().doOnSubscribe(s -> deadline.markDurable()),
                        BUDGET,
                        v -> Mono.just(v.name()))
                .block(Duration.ofSeconds(5));

        assertThat(answer).isEqualTo("SUCCESS");
    }

    @Test
    void pastTheDeadlineAnEventNotYetDurableIsAnsweredWithARetry() {
        Deadline deadline = new Deadline();

        String answer =
                deadline.guard(Mono.never(), BUDGET, v -> Mono.just(v.name())).block(Duration.ofSeconds(5));

        assertThat(answer).isEqualTo("RETRY");
    }

    @Test
    void anAnswerWithinTheBudgetIsLeftAlone() {
        Deadline deadline = new Deadline();

        String answer = deadline.guard(Mono.just("503 from the pipeline"), BUDGET, v -> Mono.just(v.name()))
                .block(Duration.ofSeconds(5));

        assertThat(answer).isEqualTo("503 from the pipeline");
    }

    @Test
    void theVerdictIsSuccessOnlyForDurableEvents() {
        assertThat(Verdict.of(true)).isEqualTo(Verdict.SUCCESS);
        assertThat(Verdict.of(false)).isEqualTo(Verdict.RETRY);
    }
}
