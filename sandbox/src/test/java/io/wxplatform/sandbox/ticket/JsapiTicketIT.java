package io.wxplatform.sandbox.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsapiTicketIT extends SandboxITSupport {

    @BeforeEach
    void account() {
        createAccount();
    }

    private Map<String, Object> getTicket(String accessToken, String type) {
        return getJson("/cgi-bin/ticket/getticket?access_token={t}&type={y}", accessToken, type);
    }

    @Test
    void aValidTokenGetsAJsapiTicketForTwoHours() {
        Map<String, Object> first = getTicket(accessToken(), "jsapi");
        Map<String, Object> second = getTicket(accessToken(), "jsapi");

        assertThat(first).containsEntry("errcode", 0).containsEntry("expires_in", 7200);
        assertThat((String) first.get("ticket")).hasSizeGreaterThan(20);
        assertThat(second.get("ticket")).isNotEqualTo(first.get("ticket"));
    }

    @Test
    void anUnknownOrExpiredTokenIsRefusedLikeEveryCgiBinCall() {
        String token = accessToken();
        assertThat(errcode(getTicket("not-a-token", "jsapi"))).isEqualTo(40001);
        advanceClock(7200);
        assertThat(errcode(getTicket(token, "jsapi"))).isEqualTo(42001);
    }

    @Test
    void anotherTicketTypeIsAnInvalidArgument() {
        assertThat(errcode(getTicket(accessToken(), "wx_card_x"))).isEqualTo(40097);
    }
}
