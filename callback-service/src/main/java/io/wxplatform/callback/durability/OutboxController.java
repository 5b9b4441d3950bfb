package io.wxplatform.callback.durability;

import io.wxplatform.support.security.TenantAccess;
import java.time.Clock;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Platform operators read the outbox's depth and its oldest event (docs/operations.md, outbox alerts). */
@RestController
class OutboxController {

    private final OutboxStore outbox;
    private final Clock clock;

    OutboxController(OutboxStore outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Counting is a scan on some servers: an operator's occasional read, never on the callback path. */
    @GetMapping("/api/v1/operator/outbox")
    Mono<OutboxStatus> status() {
        return TenantAccess.operator()
                .then(Mono.zip(
                        outbox.depth(),
                        outbox.oldest()
                                .map(entry -> OutboxStatus.Oldest.of(entry, clock.instant()))
                                .map(Optional::of)
                                .defaultIfEmpty(Optional.empty())))
                .map(found -> new OutboxStatus(found.getT1(), found.getT2().orElse(null)));
    }
}
