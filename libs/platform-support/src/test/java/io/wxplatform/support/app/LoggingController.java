package io.wxplatform.support.app;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class LoggingController {

    private static final Logger log = LoggerFactory.getLogger(LoggingController.class);

    /** Logs on the request thread and again after a hop to a timer thread. */
    @GetMapping("/api/log/{word}")
    Mono<String> logTwice(@PathVariable String word) {
        log.info("before the hop: {}", word);
        return Mono.delay(Duration.ofMillis(5))
                .doOnNext(tick -> log.info("after the hop: {}", word))
                .thenReturn(word);
    }
}
