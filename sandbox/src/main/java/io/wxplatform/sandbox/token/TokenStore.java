package io.wxplatform.sandbox.token;

import io.wxplatform.sandbox.web.Resettable;
import io.wxplatform.sandbox.web.WeChatError;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Every access_token the sandbox issued, and the check other /cgi-bin endpoints run on them. */
@Component
public class TokenStore implements Resettable, AccountCredentials.TokenTable {

    private final ConcurrentMap<String, IssuedToken> byValue = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AccountCredentials> byAppId = new ConcurrentHashMap<>();
    private final TokenProperties props;
    private final Clock clock;
    private final ObjectProvider<ForeignAccessTokens> foreign;

    TokenStore(TokenProperties props, Clock clock, ObjectProvider<ForeignAccessTokens> foreign) {
        this.props = props;
        this.clock = clock;
        this.foreign = foreign;
    }

    AccountCredentials.Grant fetch(String appId) {
        return credentials(appId).fetch(clock.instant());
    }

    AccountCredentials.Grant stable(String appId, boolean force) {
        return credentials(appId).stable(clock.instant(), force);
    }

    /** The appId the token belongs to, or the WeChat error a stale, expired or unknown token earns. */
    public String appIdOf(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            throw WeChatError.ACCESS_TOKEN_MISSING.toException();
        }
        IssuedToken token = byValue.get(accessToken);
        if (token == null) {
            for (ForeignAccessTokens other : foreign) {
                Optional<String> appId = other.appIdOf(accessToken);
                if (appId.isPresent()) {
                    return appId.get();
                }
            }
        }
        Instant now = clock.instant();
        if (token == null || token.revokedAt() != null && !now.isBefore(token.revokedAt())) {
            throw WeChatError.INVALID_CREDENTIAL.toException();
        }
        if (!now.isBefore(token.expiresAt())) {
            throw WeChatError.ACCESS_TOKEN_EXPIRED.toException();
        }
        return token.appId();
    }

    private AccountCredentials credentials(String appId) {
        return byAppId.computeIfAbsent(appId, id -> new AccountCredentials(id, props, this));
    }

    @Override
    public IssuedToken get(String value) {
        return byValue.get(value);
    }

    @Override
    public void put(IssuedToken token) {
        byValue.put(token.value(), token);
    }

    @Override
    public void update(String value, UnaryOperator<IssuedToken> change) {
        byValue.computeIfPresent(value, (v, t) -> change.apply(t));
    }

    @Override
    public void remove(String value) {
        byValue.remove(value);
    }

    @Override
    public void reset() {
        byAppId.clear();
        byValue.clear();
    }
}
