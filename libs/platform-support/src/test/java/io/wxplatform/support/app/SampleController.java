package io.wxplatform.support.app;

import io.wxplatform.support.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class SampleController {

    record NewThing(@NotBlank String name, @NotBlank String owner) {}

    @GetMapping("/internal/ping")
    Mono<Map<String, String>> ping() {
        return Mono.just(Map.of("pong", "yes"));
    }

    @GetMapping("/api/ping")
    Mono<String> publicPing() {
        return Mono.just("pong");
    }

    @GetMapping("/api/things/{id}")
    Mono<String> thing(@PathVariable String id) {
        return Mono.error(
                ApiException.notFound("THING_NOT_FOUND", "No thing " + id).with("thingId", id));
    }

    @PostMapping("/api/things")
    Mono<String> create(@Valid @RequestBody NewThing thing) {
        return Mono.error(
                new ApiException(HttpStatus.CONFLICT, "THING_EXISTS", "Thing exists", Map.of("name", "taken")));
    }

    @GetMapping("/api/count")
    Mono<Integer> count(@RequestParam int n) {
        return Mono.just(n);
    }

    @GetMapping("/api/boom")
    Mono<String> boom() {
        return Mono.error(new IllegalStateException("secret connection string mongodb://user:pw@db"));
    }
}
