package io.wxplatform.support.security;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Mono;

/** The caller's side of internal authentication. */
public final class InternalAuth {

    private InternalAuth() {}

    /**
     * Adds {@code Authorization: Bearer <token>} to every request of a WebClient:
     * {@code WebClient.builder().filter(InternalAuth.bearer(token))}.
     */
    public static ExchangeFilterFunction bearer(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("wxplatform.internal.auth-token is not set");
        }
        return ExchangeFilterFunction.ofRequestProcessor(request -> Mono.just(ClientRequest.from(request)
                .headers(headers -> headers.setBearerAuth(token))
                .build()));
    }
}
