package io.wxplatform.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.support.app.SupportTestApplication;
import io.wxplatform.testkit.auth.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(
        classes = SupportTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wxplatform.internal.auth-token=test-token")
@AutoConfigureWebTestClient
class ProblemDetailsTest {

    @Autowired
    WebTestClient http;

    @BeforeEach
    void asAnOperator() {
        http = http.mutate()
                .defaultHeaders(h -> h.setBearerAuth(TestIssuer.shared().operator()))
                .build();
    }

    @Test
    void anApiExceptionBecomesProblemJsonWithItsCodeAndProperties() {
        http.get()
                .uri("/api/things/42")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.title")
                .isEqualTo("Not Found")
                .jsonPath("$.code")
                .isEqualTo("THING_NOT_FOUND")
                .jsonPath("$.detail")
                .isEqualTo("No thing 42")
                .jsonPath("$.thingId")
                .isEqualTo("42")
                .jsonPath("$.instance")
                .isEqualTo("/api/things/42");
    }

    @Test
    void anApiExceptionCarriesItsFieldErrors() {
        http.post()
                .uri("/api/things")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"a\",\"owner\":\"b\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("THING_EXISTS")
                .jsonPath("$.errors.name")
                .isEqualTo("taken");
    }

    @Test
    void anInvalidBodyIsAValidationFailureNamingTheFields() {
        http.post()
                .uri("/api/things")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors.name")
                .exists()
                .jsonPath("$.errors.owner")
                .exists();
    }

    @Test
    void anUnreadableBodyIsAMalformedRequest() {
        http.post()
                .uri("/api/things")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void aMistypedParameterIsAMalformedRequestNamingTheParameter() {
        http.get()
                .uri("/api/count?n=abc")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("MALFORMED_REQUEST")
                .jsonPath("$.errors.n")
                .exists();
    }

    @Test
    void anUnknownErrorIsAnInternalProblemThatRevealsNothing() {
        http.get()
                .uri("/api/boom")
                .exchange()
                .expectStatus()
                .isEqualTo(500)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INTERNAL")
                .jsonPath("$.detail")
                .isEqualTo("An unexpected error occurred")
                .consumeWith(result ->
                        assertThat(new String(result.getResponseBody())).doesNotContain("mongodb", "secret"));
    }

    @Test
    void anUnknownPathIsANotFoundProblem() {
        http.get()
                .uri("/api/nothing-here")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblem() {
        http.delete()
                .uri("/api/ping")
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .exists("Allow")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("METHOD_NOT_ALLOWED");
    }
}
