package io.wxplatform.token.component;

import java.time.Duration;
import java.time.Instant;

/** Whether a component's verify tickets keep coming (WeChat pushes one every 10 minutes). */
public enum TicketAlert {
    OK,
    /** No ticket received yet: no component_access_token can be obtained. */
    TICKET_MISSING,
    /** The last ticket is older than {@code ticket-stale-after}: pushes are not arriving (URL, keys, callbacks). */
    TICKET_STALE;

    static TicketAlert of(PlatformComponent component, Instant now, Duration staleAfter) {
        if (component.ticket() == null) {
            return TICKET_MISSING;
        }
        return age(component, now).compareTo(staleAfter) > 0 ? TICKET_STALE : OK;
    }

    /** Since the last ticket was received; null without one. */
    static Duration age(PlatformComponent component, Instant now) {
        return component.ticket() == null
                ? null
                : Duration.between(component.ticket().receivedAt(), now);
    }
}
