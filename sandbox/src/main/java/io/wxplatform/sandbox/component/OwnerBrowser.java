package io.wxplatform.sandbox.component;

import io.netty.channel.ChannelOption;
import io.wxplatform.sandbox.callback.CallbackProperties;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The account owner's browser after approval: WeChat sends it to {@code redirect_uri?auth_code=…&expires_in=…}.
 * Redirects the platform answers with are not followed; their status is the outcome.
 */
@Component
class OwnerBrowser {

    private final Duration timeout;
    private final WebClient http;

    OwnerBrowser(CallbackProperties callbacks) {
        this.timeout = callbacks.timeout();
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .followRedirect(false);
        this.http = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(client))
                .build();
    }

    /** The HTTP status the platform's redirect page answered, or empty when it did not answer. */
    Mono<Integer> returnTo(String redirectUri, String authCode, long expiresInSeconds) {
        String target = redirectUri + (redirectUri.contains("?") ? "&" : "?")
                + "auth_code=" + URLEncoder.encode(authCode, StandardCharsets.UTF_8)
                + "&expires_in=" + expiresInSeconds;
        return http.get()
                .uri(URI.create(target))
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().value()))
                .timeout(timeout)
                .onErrorResume(e -> Mono.empty());
    }
}
