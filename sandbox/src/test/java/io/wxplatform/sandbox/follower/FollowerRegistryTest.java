package io.wxplatform.sandbox.follower;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.datacube.SubscriptionHistory;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FollowerRegistryTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final FollowerRegistry followers = new FollowerRegistry(
            new ConversationProperties(Duration.ofHours(48), 5, Duration.ofMinutes(1), 3, 100),
            new SubscriptionHistory());

    @Test
    void aMessageAllowsTheConfiguredNumberOfReplies() {
        followers.messaged("app", "o1", T0);

        for (int i = 0; i < 5; i++) {
            assertThat(followers.trySend("app", "o1", T0.plusSeconds(i))).isEqualTo(SendVerdict.ALLOWED);
        }
        assertThat(followers.trySend("app", "o1", T0.plusSeconds(10))).isEqualTo(SendVerdict.LIMIT_REACHED);
        followers.messaged("app", "o1", T0.plusSeconds(20));
        assertThat(followers.trySend("app", "o1", T0.plusSeconds(21))).isEqualTo(SendVerdict.ALLOWED);
    }

    @Test
    void aMenuClickOpensOnlyTheShortWindow() {
        followers.evented("app", "o1", "CLICK", T0);

        assertThat(followers.trySend("app", "o1", T0.plusSeconds(59))).isEqualTo(SendVerdict.ALLOWED);
        assertThat(followers.trySend("app", "o1", T0.plusSeconds(60))).isEqualTo(SendVerdict.OUT_OF_WINDOW);
    }

    @Test
    void anUnsubscribedFollowerIsOutOfReachAndStrangersAreUnknown() {
        followers.messaged("app", "o1", T0);
        followers.evented("app", "o1", "unsubscribe", T0.plusSeconds(1));

        // The customer-service API answers it 45015, the template API 43004 (CustomSendController, template sends).
        assertThat(followers.trySend("app", "o1", T0.plusSeconds(2))).isEqualTo(SendVerdict.NOT_SUBSCRIBED);
        assertThat(followers.trySend("app", "stranger", T0)).isEqualTo(SendVerdict.NOT_A_FOLLOWER);
        assertThat(followers.evented("app", "stranger", "unsubscribe", T0)).isEmpty();
    }

    @Test
    void aLocationReportDoesNotOpenAWindow() {
        followers.evented("app", "o1", "LOCATION", T0);

        assertThat(followers.trySend("app", "o1", T0)).isEqualTo(SendVerdict.OUT_OF_WINDOW);
    }
}
