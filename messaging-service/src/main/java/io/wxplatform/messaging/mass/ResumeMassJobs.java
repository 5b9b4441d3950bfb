package io.wxplatform.messaging.mass;

import io.wxplatform.support.lifecycle.BackgroundLoop;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * At start-up and every {@code resume-interval}: finishes storing the batches of jobs stored more than {@code
 * prepare-after} ago whose instance stopped before it had stored them all. Storing a batch again changes nothing
 * (same id), and sending is send's dispatcher's, so two instances doing this at once is harmless. Batches stored
 * before a restart are resumed by send's ResumeSends like every other send.
 */
@Component
class ResumeMassJobs extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(ResumeMassJobs.class);
    private static final int BATCH = 50;

    private final MassJobs jobs;
    private final MassSends sends;
    private final Clock clock;
    private final MassProperties properties;

    ResumeMassJobs(MassJobs jobs, MassSends sends, Clock clock, MassProperties properties) {
        this.jobs = jobs;
        this.sends = sends;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    protected Disposable subscribe() {
        return Flux.interval(Duration.ZERO, properties.resumeInterval())
                .onBackpressureDrop()
                .concatMap(tick -> prepareDue(), 1)
                .subscribe();
    }

    private Mono<Void> prepareDue() {
        return jobs.unprepared(clock.instant().minus(properties.prepareAfter()), BATCH)
                .concatMap(sends::prepare)
                .then()
                .onErrorResume(error -> {
                    log.warn("could not finish storing mass jobs: {}", error.toString());
                    return Mono.empty();
                });
    }
}
