package io.wxplatform.sandbox.component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the admin API shows of a component: secrets only as "set" flags, ticket age, authorizations, pushes. */
record ComponentView(
        String componentAppId,
        String authEventUrl,
        String messageUrlTemplate,
        String verifyTicketInterval,
        boolean secretSet,
        boolean tokenSet,
        boolean encodingAesKeySet,
        Instant lastTicketAt,
        Long ticketAgeSeconds,
        List<AuthorizationView> authorizations,
        List<SimulatedComponent.Push> pushes) {

    record AuthorizationView(String authorizerAppId, List<Integer> funcScopes, boolean revoked) {}

    static ComponentView of(SimulatedComponent c, Instant now) {
        ComponentRequest config = c.config();
        Instant lastTicketAt = c.lastTicketAt().orElse(null);
        return new ComponentView(
                config.componentAppId(),
                config.authEventUrl(),
                config.messageUrlTemplate(),
                config.verifyTicketInterval().toString(),
                true,
                true,
                true,
                lastTicketAt,
                lastTicketAt == null
                        ? null
                        : Duration.between(lastTicketAt, now).toSeconds(),
                c.authorizers().stream()
                        .map(a -> new AuthorizationView(a.appId(), a.funcScopes(), a.revoked()))
                        .toList(),
                c.pushes());
    }
}
