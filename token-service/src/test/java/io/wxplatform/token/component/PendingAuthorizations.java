package io.wxplatform.token.component;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** A pending authorization stored directly, for tests that need one without WeChat's login page. */
public final class PendingAuthorizations {

    private PendingAuthorizations() {}

    public static String insert(ApplicationContext context, String tenantId, String componentAppId) {
        String id = "au" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        Instant now = Instant.now();
        context.getBean(AuthorizationRepository.class)
                .insert(new PendingAuthorization(
                        id,
                        tenantId,
                        componentAppId,
                        "hash-" + id,
                        null,
                        PendingAuthorization.State.PENDING,
                        now.plus(Duration.ofMinutes(10)),
                        now,
                        null,
                        null,
                        null,
                        null))
                .block(Duration.ofSeconds(10));
        return id;
    }
}
