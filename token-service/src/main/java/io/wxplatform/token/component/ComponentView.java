package io.wxplatform.token.component;

import java.time.Duration;
import java.time.Instant;

/** What the operator API shows of a component: secrets only as "is set", the ticket only by its age. */
public record ComponentView(
        String componentAppId,
        boolean appSecretSet,
        boolean tokenSet,
        boolean encodingAesKeySet,
        Instant ticketReceivedAt,
        Long ticketAgeSeconds,
        TicketAlert alert,
        Instant createdAt,
        Instant updatedAt) {

    static ComponentView of(PlatformComponent component, Instant now, Duration staleAfter) {
        Duration age = TicketAlert.age(component, now);
        return new ComponentView(
                component.componentAppId(),
                component.appSecret() != null,
                component.token() != null,
                component.encodingAesKey() != null,
                component.ticket() == null ? null : component.ticket().receivedAt(),
                age == null ? null : age.toSeconds(),
                TicketAlert.of(component, now, staleAfter),
                component.createdAt(),
                component.updatedAt());
    }
}
