package io.wxplatform.token.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.token.Fixtures;
import io.wxplatform.token.Sandbox;
import io.wxplatform.token.TestClock;
import io.wxplatform.token.TokenServiceITSupport;
import java.time.Instant;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class JsapiTicketIT extends TokenServiceITSupport {

    private Map<String, Object> jsapiTicket(String appId) {
        return internalGet("/internal/v1/accounts/{appId}/jsapi-ticket", appId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_MAP)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void aTicketIsFetchedOnceWithTheAccessTokenStoredEncryptedAndServedAsVersionOne() {
        Registered account = registered();

        Map<String, Object> first = jsapiTicket(account.appId());
        Map<String, Object> second = jsapiTicket(account.appId());
        Document stored = rawDocument("credentials", account.appId() + "|JSAPI_TICKET");

        assertThat(first).containsEntry("appId", account.appId()).containsEntry("version", 1);
        String ticket = (String) first.get("ticket");
        assertThat(ticket).isNotBlank();
        assertThat(Instant.parse((String) first.get("expiresAt")))
                .isAfter(TestClock.INSTANCE.instant().plusSeconds(7000));
        assertThat(second).isEqualTo(first);
        assertThat(stored.toJson()).doesNotContain(ticket);
        assertThat(Sandbox.apiCalls(account.appId()).split("ticket/getticket", -1))
                .hasSize(2);
    }

    @Test
    void anUnknownAccountHasNoTicket() {
        internalGet("/internal/v1/accounts/{appId}/jsapi-ticket", Fixtures.appId())
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
