package io.wxplatform.sandbox.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxplatform.sandbox.web.SandboxProblem;
import io.wxplatform.sandbox.web.WeChatException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedComponentTest {

    private static final Duration TWELVE_HOURS = Duration.ofHours(12);
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private static final String AUTHORIZER = "wxa00000000000000a";

    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private final SimulatedComponent component = new SimulatedComponent(new ComponentRequest(
            "wxc0000000000000c1",
            "secret",
            "token",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq",
            "http://x/events",
            null,
            Duration.ZERO));

    @Test
    void everyTicketPushedWithinTwelveHoursIsAcceptedAndThenExpires() {
        String older = component.newTicket(t0, TWELVE_HOURS);
        String newer = component.newTicket(t0.plus(TEN_MINUTES), TWELVE_HOURS);

        component.checkTicket(older, t0.plus(Duration.ofHours(11)), TWELVE_HOURS);
        component.checkTicket(newer, t0.plus(Duration.ofHours(11)), TWELVE_HOURS);
        assertThat(errcode(() -> component.checkTicket(older, t0.plus(TWELVE_HOURS), TWELVE_HOURS)))
                .isEqualTo(61005);
        assertThat(errcode(() -> component.checkTicket("ticket@@@forged", t0, TWELVE_HOURS)))
                .isEqualTo(61006);
    }

    @Test
    void aPreAuthCodeIsSpentByOneApprovalAndAnAuthCodeByOneExchange() {
        String preAuthCode = component.newPreAuthCode(t0, TEN_MINUTES);
        SimulatedComponent.Approval approval = component.approve(preAuthCode, AUTHORIZER, List.of(1), t0, TEN_MINUTES);

        assertThat(approval.infoType()).isEqualTo("authorized");
        assertThatThrownBy(() -> component.approve(preAuthCode, AUTHORIZER, List.of(1), t0, TEN_MINUTES))
                .isInstanceOf(SandboxProblem.class);
        assertThat(component.redeem(approval.authCode(), t0).appId()).isEqualTo(AUTHORIZER);
        assertThat(errcode(() -> component.redeem(approval.authCode(), t0))).isEqualTo(61009);
    }

    @Test
    void anAuthCodeExpires() {
        String preAuthCode = component.newPreAuthCode(t0, TEN_MINUTES);
        SimulatedComponent.Approval approval = component.approve(preAuthCode, AUTHORIZER, List.of(1), t0, TEN_MINUTES);

        assertThat(errcode(() -> component.redeem(approval.authCode(), t0.plus(TEN_MINUTES))))
                .isEqualTo(61010);
    }

    @Test
    void approvingAnAccountThatIsAlreadyAuthorizedIsAnUpdateAndKeepsItsRefreshToken() {
        component.approve(component.newPreAuthCode(t0, TEN_MINUTES), AUTHORIZER, List.of(1), t0, TEN_MINUTES);
        String refreshToken = component.activeAuthorizer(AUTHORIZER).refreshToken();

        SimulatedComponent.Approval again = component.approve(
                component.newPreAuthCode(t0, TEN_MINUTES), AUTHORIZER, List.of(1, 2), t0, TEN_MINUTES);

        assertThat(again.infoType()).isEqualTo("updateauthorized");
        assertThat(component.activeAuthorizer(AUTHORIZER).refreshToken()).isEqualTo(refreshToken);
        assertThat(component.activeAuthorizer(AUTHORIZER).funcScopes()).containsExactly(1, 2);
    }

    @Test
    void rotationReplacesTheRefreshTokenAndWithoutItTheTokenStays() {
        component.approve(component.newPreAuthCode(t0, TEN_MINUTES), AUTHORIZER, List.of(1), t0, TEN_MINUTES);
        String original = component.activeAuthorizer(AUTHORIZER).refreshToken();

        assertThat(component.refresh(AUTHORIZER, original, false)).isEqualTo(original);
        String rotated = component.refresh(AUTHORIZER, original, true);

        assertThat(rotated).isNotEqualTo(original);
        assertThat(errcode(() -> component.refresh(AUTHORIZER, original, true))).isEqualTo(61023);
        assertThat(component.refresh(AUTHORIZER, rotated, true)).isNotEqualTo(rotated);
    }

    @Test
    void aRevokedAuthorizationAnswers61003AndCannotBeRevokedTwice() {
        component.approve(component.newPreAuthCode(t0, TEN_MINUTES), AUTHORIZER, List.of(1), t0, TEN_MINUTES);
        String refreshToken = component.activeAuthorizer(AUTHORIZER).refreshToken();

        component.revoke(AUTHORIZER);

        assertThat(errcode(() -> component.refresh(AUTHORIZER, refreshToken, true)))
                .isEqualTo(61003);
        assertThat(catchThrowableOfType(SandboxProblem.class, () -> component.revoke(AUTHORIZER))
                        .code())
                .isEqualTo("authorization_not_found");
    }

    private static int errcode(Runnable call) {
        return catchThrowableOfType(WeChatException.class, call::run).error().errcode();
    }
}
