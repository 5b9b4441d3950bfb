package io.wxplatform.callback.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Keeps the instance out of service right after start until it holds the rules that existed then, so that a new
 * instance does not answer a follower's keyword with a bare {@code success} when a reply rule exists. Past
 * {@code ready-timeout} (Kafka away) it reports UP anyway: taking callbacks without replies beats refusing them.
 */
class ReplyRulesHealth implements HealthIndicator {

    private final ReplyRulesReader reader;
    private final ReplyRules rules;
    private final Clock clock;
    private final Instant giveUpWaitingAt;

    ReplyRulesHealth(ReplyRulesReader reader, ReplyRules rules, Duration readyTimeout, Clock clock) {
        this.reader = reader;
        this.rules = rules;
        this.clock = clock;
        this.giveUpWaitingAt = clock.instant().plus(readyTimeout);
    }

    @Override
    public Health health() {
        boolean caughtUp = reader.caughtUp();
        Health.Builder health =
                caughtUp || clock.instant().isAfter(giveUpWaitingAt) ? Health.up() : Health.outOfService();
        return health.withDetail("caughtUp", caughtUp)
                .withDetail("accounts", rules.accounts())
                .build();
    }
}
