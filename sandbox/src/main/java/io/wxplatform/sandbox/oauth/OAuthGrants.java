package io.wxplatform.sandbox.oauth;

import io.wxplatform.sandbox.web.Resettable;
import io.wxplatform.sandbox.web.WeChatError;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The codes users' approvals gave and the access tokens they were exchanged for. A code works once and for 5
 * minutes (40163 when used again, 42003 when late, 40029 when unknown or exchanged by another appid or component).
 */
@Component
public class OAuthGrants implements Resettable {

    public static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(2);

    /** What the user approved; {@code componentAppId} is set when a third-party platform asked for the account. */
    public record Approval(String appId, String componentAppId, String openId, String scope, boolean snapshot) {}

    /** An OAuth access token as WeChat keeps it. */
    public record IssuedToken(String appId, String openId, String scope, boolean snapshot, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[" + appId + ", " + openId + ", " + scope + "]";
        }
    }

    private record Code(Approval approval, Instant expiresAt, boolean used) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentMap<String, Code> codes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    OAuthGrants(Clock clock) {
        this.clock = clock;
    }

    public String issueCode(Approval approval) {
        String code = random(16);
        codes.put(code, new Code(approval, clock.instant().plus(CODE_LIFETIME), false));
        return code;
    }

    /** Exchanges a code once, for the account and component it was given to. */
    public IssuedCredential exchange(String code, String appId, String componentAppId) {
        if (code == null || code.isBlank()) {
            throw OAuthErrors.INVALID_CODE.toException();
        }
        Code[] taken = new Code[1];
        codes.computeIfPresent(code, (key, stored) -> {
            taken[0] = stored;
            boolean mine = stored.approval().appId().equals(appId)
                    && Objects.equals(stored.approval().componentAppId(), componentAppId);
            return mine ? new Code(stored.approval(), stored.expiresAt(), true) : stored;
        });
        Code stored = taken[0];
        if (stored == null
                || !stored.approval().appId().equals(appId)
                || !Objects.equals(stored.approval().componentAppId(), componentAppId)) {
            throw OAuthErrors.INVALID_CODE.toException();
        }
        if (stored.used()) {
            throw OAuthErrors.CODE_USED.toException();
        }
        if (!clock.instant().isBefore(stored.expiresAt())) {
            throw OAuthErrors.CODE_EXPIRED.toException();
        }
        Approval approval = stored.approval();
        String token = random(32);
        IssuedToken issued = new IssuedToken(
                appId,
                approval.openId(),
                approval.scope(),
                approval.snapshot(),
                clock.instant().plus(TOKEN_LIFETIME));
        tokens.put(token, issued);
        return new IssuedCredential(token, issued);
    }

    /** The token's grant: 41001 missing, 40001 unknown, 42001 expired. */
    public IssuedToken token(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            throw WeChatError.ACCESS_TOKEN_MISSING.toException();
        }
        IssuedToken issued = tokens.get(accessToken);
        if (issued == null) {
            throw WeChatError.INVALID_CREDENTIAL.toException();
        }
        if (!clock.instant().isBefore(issued.expiresAt())) {
            throw WeChatError.ACCESS_TOKEN_EXPIRED.toException();
        }
        return issued;
    }

    /** A token value and what it grants. */
    public record IssuedCredential(String accessToken, IssuedToken token) {
        @Override
        public String toString() {
            return "IssuedCredential[" + token + "]";
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    @Override
    public void reset() {
        codes.clear();
        tokens.clear();
    }
}
