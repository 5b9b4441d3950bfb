package io.wxplatform.token.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.token.secret.SealedSecret;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicketAlertTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final Duration STALE_AFTER = Duration.ofMinutes(20);

    @Test
    void aComponentWithoutATicketIsMissingOne() {
        assertThat(TicketAlert.of(component(null), NOW, STALE_AFTER)).isEqualTo(TicketAlert.TICKET_MISSING);
        assertThat(TicketAlert.age(component(null), NOW)).isNull();
    }

    @Test
    void aTicketReceivedWithinTwentyMinutesIsFine() {
        PlatformComponent fresh = component(NOW.minus(Duration.ofMinutes(20)));
        assertThat(TicketAlert.of(fresh, NOW, STALE_AFTER)).isEqualTo(TicketAlert.OK);
        assertThat(TicketAlert.age(fresh, NOW)).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void aTicketOlderThanTwentyMinutesIsStale() {
        PlatformComponent old = component(NOW.minus(Duration.ofMinutes(20)).minusSeconds(1));
        assertThat(TicketAlert.of(old, NOW, STALE_AFTER)).isEqualTo(TicketAlert.TICKET_STALE);
    }

    private static PlatformComponent component(Instant ticketReceivedAt) {
        SealedSecret sealed = new SealedSecret("dev1", new byte[12], new byte[16]);
        return new PlatformComponent(
                "wx0123456789abcdef",
                sealed,
                sealed,
                sealed,
                null,
                ticketReceivedAt == null ? null : new PlatformComponent.Ticket(sealed, 1, ticketReceivedAt),
                NOW,
                NOW);
    }
}
