package io.wxplatform.bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Baseline (c): the cheapest WebFlux answer to a callback. It reads the body, as callback-service must, and answers
 * {@code success}; everything the platform does beyond this is what the ratios measure.
 */
@SpringBootApplication
public class BareEndpoint {

    public static void main(String[] args) {
        SpringApplication.run(BareEndpoint.class, args);
    }

    @Bean
    RouterFunction<ServerResponse> callback() {
        return route().POST("/wx/{appId}/callback", request -> request.bodyToMono(String.class)
                .then(ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("success"))).build();
    }
}
