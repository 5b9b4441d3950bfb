package io.wxplatform.callback.settings;

import java.util.Optional;

import io.wxplatform.support.security.InternalAuth;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** Reads one account's callback settings from token-service's internal API. */
class SettingsClient {

    private static final String PATH = "/internal/v1/accounts/{appId}/callback-settings";

    private final WebClient webClient;
    private final SettingsProperties properties;

    SettingsClient(WebClient.Builder builder, SettingsProperties properties) {
        this.properties = properties;
        this.webClient = builder
                .baseUrl(properties.tokenServiceUrl().toString())
                .filter(InternalAuth.bearer(properties.authToken()))
                .build();
    }

    /** Empty when token-service does not know the appId; an error when it cannot answer. */
    Mono<Optional<CallbackSettings>> fetch(String appId) {
        return webClient.get().uri(PATH, appId)
                .exchangeToMono(response -> {
                    if (response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
                        return response.releaseBody().thenReturn(Optional.<CallbackSettings>empty());
                    }
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(SettingsResponse.class)
                                .map(body -> Optional.of(body.toSettings()));
                    }
                    return response.createError();
                })
                .timeout(properties.timeout())
                .onErrorMap(error -> new SettingsUnavailableException(appId, error));
    }
}
