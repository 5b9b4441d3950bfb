package io.wxplatform.support.web;

import io.wxplatform.support.app.SupportTestApplication;
import io.wxplatform.testkit.auth.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Spring's own refusals, which never pass through our controllers, still answer problem+json with a stable code. */
@SpringBootTest(
        classes = SupportTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wxplatform.internal.auth-token=test-token")
@AutoConfigureWebTestClient
class FrameworkProblemsTest {

    @Autowired
    WebTestClient http;

    @BeforeEach
    void asATenantAdmin() {
        http = http.mutate()
                .defaultHeaders(h -> h.setBearerAuth(TestIssuer.shared().operator()))
                .build();
    }

    @Test
    void anUnsupportedContentTypeIsAnUnsupportedMediaTypeProblem() {
        http.post()
                .uri("/api/things")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("name=a")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE")
                .jsonPath("$.status")
                .isEqualTo(415);
    }

    @Test
    void aMissingParameterIsAMalformedRequestNamingIt() {
        http.get()
                .uri("/api/count")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("MALFORMED_REQUEST")
                .jsonPath("$.errors.n")
                .exists();
    }

    @Test
    void aBodyFieldOfTheWrongTypeIsAMalformedRequestNamingTheFieldButNotOurClasses() {
        http.post()
                .uri("/api/things")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":{\"nested\":true},\"owner\":\"b\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("MALFORMED_REQUEST")
                .jsonPath("$.errors.name")
                .isEqualTo("Cannot be read as the expected type")
                .consumeWith(result -> org.assertj.core.api.Assertions.assertThat(new String(result.getResponseBody()))
                        .doesNotContain("io.wxplatform", "java.lang"));
    }

    @Test
    void aResponseTypeTheClientCannotAcceptIsANotAcceptableProblem() {
        http.get()
                .uri("/api/count?n=1")
                .accept(MediaType.IMAGE_PNG)
                .exchange()
                .expectStatus()
                .isEqualTo(406)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_ACCEPTABLE");
    }
}
