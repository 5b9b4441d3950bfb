package io.wxplatform.bench.bare;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Baseline: the cheapest WebFlux answers. A callback: it reads the body, as callback-service must, and answers
 * {@code success}. A token lookup: a constant body of the internal token API's shape. Everything the platform does
 * beyond this is what the ratios measure.
 */
@SpringBootApplication
public class BareEndpoint {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BareEndpoint.class);
        // The benchmark's classpath also holds Spring MVC (the WxJava peer); the baseline is WebFlux on Netty.
        application.setWebApplicationType(WebApplicationType.REACTIVE);
        application.run(args);
    }

    @Bean
    RouterFunction<ServerResponse> callback() {
        return route().POST(
                        "/wx/{appId}/callback",
                        request -> request.bodyToMono(String.class)
                                .then(ServerResponse.ok()
                                        .contentType(MediaType.TEXT_PLAIN)
                                        .bodyValue("success")))
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> accessToken() {
        return route().GET(
                        "/internal/v1/accounts/{appId}/access-token",
                        request -> ServerResponse.ok()
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue("{\"appId\":\"" + request.pathVariable("appId") + "\",\"accessToken\":\""
                                        + "x".repeat(136) + "\",\"expiresAt\":\"2099-01-01T00:00:00Z\",\"version\":1}"))
                .build();
    }
}
