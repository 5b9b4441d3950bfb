package io.wxplatform.callback.settings;

import io.wxplatform.support.security.InternalAuth;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** Reads callback settings of one account or one component from token-service's internal API. */
class SettingsClient {

    private static final String ACCOUNT = "/internal/v1/accounts/{appId}/callback-settings";
    private static final String COMPONENT = "/internal/v1/components/{componentAppId}/callback-settings";

    private final WebClient webClient;
    private final SettingsProperties properties;

    SettingsClient(WebClient.Builder builder, SettingsProperties properties) {
        this.properties = properties;
        this.webClient = builder.baseUrl(properties.tokenServiceUrl().toString())
                .filter(InternalAuth.bearer(properties.authToken()))
                .build();
    }

    /** Empty when token-service does not know the appId; an error when it cannot answer. */
    Mono<Optional<CallbackSettings>> fetch(String appId) {
        return fetch(ACCOUNT, appId, SettingsResponse.class).map(body -> body.map(SettingsResponse::toSettings));
    }

    /** Empty when token-service does not know the component; an error when it cannot answer. */
    Mono<Optional<ComponentSettings>> fetchComponent(String componentAppId) {
        return fetch(COMPONENT, componentAppId, ComponentSettingsResponse.class)
                .map(body -> body.map(ComponentSettingsResponse::toSettings));
    }

    private <R> Mono<Optional<R>> fetch(String path, String id, Class<R> type) {
        return webClient
                .get()
                .uri(path, id)
                .exchangeToMono(response -> {
                    if (response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
                        return response.releaseBody().thenReturn(Optional.<R>empty());
                    }
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(type).map(Optional::of);
                    }
                    return response.createError();
                })
                .timeout(properties.timeout())
                .onErrorMap(error -> new SettingsUnavailableException(id, error));
    }
}
