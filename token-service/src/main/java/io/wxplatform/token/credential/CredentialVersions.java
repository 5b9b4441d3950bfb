package io.wxplatform.token.credential;

import io.wxplatform.token.secret.SealedSecret;
import io.wxplatform.token.secret.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/** Builds the next version of a credential (sealed value, jittered refreshAt) and judges whether one may be served. */
@Component
class CredentialVersions {

    private final SecretBox secrets;
    private final Clock clock;
    private final CredentialProperties properties;

    CredentialVersions(SecretBox secrets, Clock clock, CredentialProperties properties) {
        this.secrets = secrets;
        this.clock = clock;
        this.properties = properties;
    }

    Credential next(String appId, CredentialKind kind, long seenVersion, String value, Duration expiresIn) {
        return next(appId, kind, seenVersion, value, expiresIn, null);
    }

    /** With the authorizer refresh token that came with the value (component accounts), sealed alike. */
    Credential next(
            String appId,
            CredentialKind kind,
            long seenVersion,
            String value,
            Duration expiresIn,
            String refreshToken) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(expiresIn);
        long jitter =
                ThreadLocalRandom.current().nextLong(properties.refreshJitter().toMillis() + 1);
        Instant refreshAt = expiresAt.minus(properties.refreshMargin()).minusMillis(jitter);
        String id = Credential.id(appId, kind);
        return new Credential(
                appId,
                kind,
                seenVersion + 1,
                secrets.seal(value, id),
                expiresAt,
                now,
                refreshAt,
                0,
                null,
                refreshToken == null ? null : secrets.seal(refreshToken, id + "|refreshToken"));
    }

    /** The authorizer refresh token stored with a component account's access token, or null. */
    String openRefreshToken(Credential credential) {
        return credential.refreshToken() == null
                ? null
                : secrets.open(credential.refreshToken(), credential.refreshTokenContext());
    }

    /** Seals a refresh token learned apart from a new value (recovery through api_get_authorizer_info). */
    SealedSecret sealRefreshToken(String appId, String refreshToken) {
        return secrets.seal(refreshToken, Credential.id(appId, CredentialKind.ACCESS_TOKEN) + "|refreshToken");
    }

    /** A value with less than {@code serveMargin} left is never handed out. */
    boolean usable(Credential credential) {
        return credential.expiresAt().minus(properties.serveMargin()).isAfter(clock.instant());
    }

    String open(Credential credential) {
        return secrets.open(credential.value(), credential.context());
    }
}
