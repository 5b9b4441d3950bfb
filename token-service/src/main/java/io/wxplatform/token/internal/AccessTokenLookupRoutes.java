package io.wxplatform.token.internal;

import io.micrometer.observation.ObservationRegistry;
import io.wxplatform.support.security.ServiceCredential;
import io.wxplatform.token.credential.AccessTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationConvention;
import tools.jackson.databind.json.JsonMapper;

/** Puts {@link AccessTokenLookup} in front of WebFlux, so that it sees every request first. */
@Configuration(proxyBeanMethods = false)
class AccessTokenLookupRoutes {

    @Bean
    WebHttpHandlerBuilderCustomizer accessTokenLookup(
            ServiceCredential credential,
            AccessTokens accessTokens,
            JsonMapper json,
            ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<ServerRequestObservationConvention> conventions) {
        ObservationRegistry registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        ServerRequestObservationConvention convention =
                conventions.getIfAvailable(DefaultServerRequestObservationConvention::new);
        return builder -> builder.httpHandlerDecorator(
                next -> new AccessTokenLookup(next, credential, accessTokens, json, registry, convention));
    }
}
