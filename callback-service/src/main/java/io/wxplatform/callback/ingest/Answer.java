package io.wxplatform.callback.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * What a callback is answered: a status, and for {@code success}, the handshake's {@code echostr} and passive replies
 * a short body. Refusals carry no body (nothing a sender could learn from), a 405 names the allowed methods.
 */
record Answer(HttpStatusCode status, MediaType contentType, String body, Set<HttpMethod> allow) {

    private static final MediaType XML = new MediaType("text", "xml", StandardCharsets.UTF_8);

    static final Answer SUCCESS = text("success");

    static Answer text(String body) {
        return new Answer(HttpStatus.OK, MediaType.TEXT_PLAIN, body, Set.of());
    }

    static Answer xml(String body) {
        return new Answer(HttpStatus.OK, XML, body, Set.of());
    }

    static Answer bare(HttpStatusCode status) {
        return new Answer(status, null, null, Set.of());
    }

    static Answer methodNotAllowed(Set<HttpMethod> allow) {
        return new Answer(HttpStatus.METHOD_NOT_ALLOWED, null, null, allow);
    }

    /** The {@code outcome} tag of {@code wx.callback.latency}. */
    String outcome() {
        if (status.is2xxSuccessful()) {
            return "accepted";
        }
        return status.is4xxClientError() ? "rejected" : "unavailable";
    }

    Mono<Void> writeTo(ServerHttpResponse response) {
        response.setStatusCode(status);
        if (!allow.isEmpty()) {
            response.getHeaders().setAllow(allow);
        }
        if (body == null) {
            return response.setComplete();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.getHeaders().setContentType(contentType);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
