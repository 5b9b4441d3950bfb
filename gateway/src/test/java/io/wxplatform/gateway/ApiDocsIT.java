package io.wxplatform.gateway;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsIT {

    static final List<DownstreamEcho> ALL = List.of(
            new DownstreamEcho("callback-service"),
            new DownstreamEcho("token-service"),
            new DownstreamEcho("messaging-service"),
            new DownstreamEcho("user-service"));

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        Edge.configure(registry, ALL);
    }

    @AfterAll
    static void stopEchoServers() {
        ALL.forEach(DownstreamEcho::close);
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(15))
                .build();
    }

    @Test
    void swaggerUiListsEveryServicesDocumentAtItsRoutedUrl() {
        client.get()
                .uri("/v3/edge-api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.urls[?(@.name == 'token-service')].url")
                .isEqualTo("/v3/api-docs/token-service")
                .jsonPath("$.urls[?(@.name == 'messaging-service')].url")
                .isEqualTo("/v3/api-docs/messaging-service")
                .jsonPath("$.urls[?(@.name == 'user-service')].url")
                .isEqualTo("/v3/api-docs/user-service");
        for (String service : List.of("token-service", "messaging-service", "user-service")) {
            client.get()
                    .uri("/v3/api-docs/" + service)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void swaggerUiIsServedWithoutAToken() {
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        client.get()
                .uri("/webjars/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk();
    }
}
