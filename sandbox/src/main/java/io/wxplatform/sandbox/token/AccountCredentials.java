package io.wxplatform.sandbox.token;

import io.wxplatform.sandbox.web.WeChatError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.UnaryOperator;

/**
 * One account's token state: the /token chain, the independent stable_token, and their quotas. Methods are
 * synchronized: each call is a short in-memory update, and the account is the unit WeChat serializes on.
 */
final class AccountCredentials {

    /** Tokens that stopped working this long ago are forgotten (they answer 40001 from then on). */
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final String appId;
    private final TokenProperties props;
    private final TokenTable table;
    private final Deque<String> issued = new ArrayDeque<>();
    private final DailyCounter tokenCalls = new DailyCounter();
    private final DailyCounter stableCalls = new DailyCounter();
    private final DailyCounter forcedRefreshes = new DailyCounter();
    private String latest;
    private String stable;
    private Instant lastForcedAt;

    AccountCredentials(String appId, TokenProperties props, TokenTable table) {
        this.appId = appId;
        this.props = props;
        this.table = table;
    }

    /** {@code /cgi-bin/token}: a new token every call; the previous one keeps working for the grace period. */
    synchronized Grant fetch(Instant now) {
        if (!tokenCalls.tryAcquire(today(now), props.dailyQuota())) {
            throw WeChatError.DAILY_QUOTA.toException();
        }
        if (latest != null) {
            Instant graceEnd = now.plus(props.previousGrace());
            table.update(latest, t -> t.revokedNoLaterThan(graceEnd));
        }
        latest = issue(now).value();
        return new Grant(latest, props.lifetime().toSeconds());
    }

    /**
     * {@code /cgi-bin/stable_token}: normal mode hands out the same token until {@code stableRefreshAhead} before
     * it expires; force mode revokes it at once and issues a new one (20 a day, 30 s apart).
     */
    synchronized Grant stable(Instant now, boolean force) {
        if (!stableCalls.tryAcquire(today(now), props.stableDailyQuota())) {
            throw WeChatError.DAILY_QUOTA.toException();
        }
        IssuedToken current = stable == null ? null : table.get(stable);
        if (!force && current != null && now.isBefore(current.end().minus(props.stableRefreshAhead()))) {
            return new Grant(
                    current.value(), Duration.between(now, current.end()).toSeconds());
        }
        if (force) {
            checkForcedRefreshAllowed(now);
            if (current != null) {
                table.update(current.value(), t -> t.revokedNoLaterThan(now));
            }
        }
        stable = issue(now).value();
        return new Grant(stable, props.lifetime().toSeconds());
    }

    private void checkForcedRefreshAllowed(Instant now) {
        if (lastForcedAt != null && now.isBefore(lastForcedAt.plus(props.forceRefreshMinInterval()))) {
            throw WeChatError.TOO_FREQUENT.toException();
        }
        if (!forcedRefreshes.tryAcquire(today(now), props.forceRefreshDailyLimit())) {
            throw WeChatError.DAILY_QUOTA.toException();
        }
        lastForcedAt = now;
    }

    private IssuedToken issue(Instant now) {
        forgetDeadTokens(now);
        IssuedToken token = new IssuedToken(TokenValues.next(), appId, now.plus(props.lifetime()), null);
        table.put(token);
        issued.addLast(token.value());
        return token;
    }

    private void forgetDeadTokens(Instant now) {
        Instant horizon = now.minus(FORGET_AFTER);
        issued.removeIf(value -> {
            IssuedToken t = table.get(value);
            boolean dead = t == null || t.end().isBefore(horizon);
            if (dead) {
                table.remove(value);
            }
            return dead;
        });
    }

    private LocalDate today(Instant now) {
        return now.atZone(props.quotaZone()).toLocalDate();
    }

    record Grant(String accessToken, long expiresIn) {}

    /** The shared lookup table of every issued token. */
    interface TokenTable {
        IssuedToken get(String value);

        void put(IssuedToken token);

        void update(String value, UnaryOperator<IssuedToken> change);

        void remove(String value);
    }
}
