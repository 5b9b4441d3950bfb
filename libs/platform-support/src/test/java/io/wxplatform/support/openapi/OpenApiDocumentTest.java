package io.wxplatform.support.openapi;

import io.wxplatform.support.app.SupportTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(
        classes = SupportTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wxplatform.internal.auth-token=test-token", "spring.application.name=sample-service"})
@AutoConfigureWebTestClient
class OpenApiDocumentTest {

    @Autowired
    WebTestClient http;

    @Test
    void theDocumentListsThePublicApiButNeverTheInternalOne() {
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.openapi")
                .value(v ->
                        org.assertj.core.api.Assertions.assertThat((String) v).startsWith("3."))
                .jsonPath("$.info.title")
                .isEqualTo("sample-service")
                .jsonPath("$.servers[0].url")
                .isEqualTo("/")
                .jsonPath("$.paths['/api/things/{id}'].get")
                .exists()
                .jsonPath("$.paths['/api/things'].post")
                .exists()
                .jsonPath("$.paths['/internal/ping']")
                .doesNotExist();
    }

    @Test
    void everyOperationNeedsTheBearerTokenAndAnswersErrorsAsProblemJson() {
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.components.securitySchemes['bearer-jwt'].scheme")
                .isEqualTo("bearer")
                .jsonPath("$.components.securitySchemes['bearer-jwt'].bearerFormat")
                .isEqualTo("JWT")
                .jsonPath("$.components.schemas.Problem.properties.code")
                .exists()
                .jsonPath("$.paths['/api/things/{id}'].get.security[0]['bearer-jwt']")
                .exists()
                .jsonPath("$.paths['/api/things/{id}'].get.responses['404'].content['application/problem+json']"
                        + ".schema['$ref']")
                .isEqualTo("#/components/schemas/Problem")
                .jsonPath("$.paths['/api/things'].post.responses['400'].content['application/problem+json']")
                .exists()
                .jsonPath("$.paths['/api/things'].post.responses['401']")
                .exists()
                .jsonPath("$.paths['/api/things'].post.responses['429']")
                .exists();
    }
}
