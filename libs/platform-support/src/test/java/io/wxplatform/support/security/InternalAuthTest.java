package io.wxplatform.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.support.app.SupportTestApplication;
import io.wxplatform.testkit.auth.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

@SpringBootTest(
        classes = SupportTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wxplatform.internal.auth-token=test-token")
@AutoConfigureWebTestClient
class InternalAuthTest {

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    @Test
    void anInternalCallWithoutTheCredentialIsUnauthorized() {
        http.get()
                .uri("/internal/ping")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED");
    }

    @Test
    void anInternalCallWithAWrongCredentialIsUnauthorized() {
        http.get()
                .uri("/internal/ping")
                .headers(h -> h.setBearerAuth("test-tokeN"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void anotherSchemeIsUnauthorized() {
        http.get()
                .uri("/internal/ping")
                .headers(h -> h.setBasicAuth("test-token", ""))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void anInternalCallWithTheCredentialIsServed() {
        http.get()
                .uri("/internal/ping")
                .headers(h -> h.setBearerAuth("test-token"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.pong")
                .isEqualTo("yes");
    }

    @Test
    void anEncodedPathCannotSneakPastTheFilter() throws Exception {
        URI encoded = URI.create("http://127.0.0.1:" + port + "/%69nternal/ping");
        HttpClient raw = HttpClient.newHttpClient();

        assertThat(raw.send(HttpRequest.newBuilder(encoded).build(), BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(401);
        assertThat(raw.send(
                                HttpRequest.newBuilder(encoded)
                                        .header("Authorization", "Bearer test-token")
                                        .build(),
                                BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void apiPathsDoNotNeedTheServiceCredential() {
        http.get()
                .uri("/api/ping")
                .headers(h -> h.setBearerAuth(TestIssuer.shared().operator()))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void theBearerClientFilterAuthenticatesAWebClient() {
        WebClient client = WebClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .filter(InternalAuth.bearer("test-token"))
                .build();

        String body = client.get()
                .uri("/internal/ping")
                .retrieve()
                .bodyToMono(String.class)
                .block(Duration.ofSeconds(10));

        assertThat(body).contains("pong");
    }
}
