package io.wxplatform.token.credential;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import io.wxplatform.token.secret.SecretBox;
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
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(expiresIn);
        long jitter = ThreadLocalRandom.current().nextLong(properties.refreshJitter().toMillis() + 1);
        Instant refreshAt = expiresAt.minus(properties.refreshMargin()).minusMillis(jitter);
        return new Credential(appId, kind, seenVersion + 1, secrets.seal(value, Credential.id(appId, kind)),
                expiresAt, now, refreshAt, 0, null);
    }

    /** A value with less than {@code serveMargin} left is never handed out. */
    boolean usable(Credential credential) {
        return credential.expiresAt().minus(properties.serveMargin()).isAfter(clock.instant());
    }

    String open(Credential credential) {
        return secrets.open(credential.value(), credential.context());
    }
}
