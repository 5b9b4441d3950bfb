package io.wxplatform.support.security;

import io.wxplatform.support.app.SupportTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** During a rotation of the service credential both the configured and the accepted one reach /internal/**. */
@SpringBootTest(
        classes = SupportTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wxplatform.internal.auth-token=new-token", "wxplatform.internal.accepted-auth-token=old-token"})
@AutoConfigureWebTestClient
class InternalAuthRotationTest {

    @Autowired
    WebTestClient http;

    @Test
    void theConfiguredCredentialIsServed() {
        http.get()
                .uri("/internal/ping")
                .headers(h -> h.setBearerAuth("new-token"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void theAcceptedCredentialIsServed() {
        http.get()
                .uri("/internal/ping")
                .headers(h -> h.setBearerAuth("old-token"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void anyOtherIsUnauthorized() {
        http.get()
                .uri("/internal/ping")
                .headers(h -> h.setBearerAuth("older-token"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.get().uri("/internal/ping").exchange().expectStatus().isUnauthorized();
    }
}
