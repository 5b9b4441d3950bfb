package io.wxplatform.support.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Reads a bearer token as a JWT only on {@code /api/**}: elsewhere {@code Authorization: Bearer} is the service
 * credential ({@code /internal/**}) or means nothing, and must not be refused as a bad JWT.
 */
final class ApiBearerTokens implements ServerAuthenticationConverter {

    /** Matched the way handlers are matched (decoded), like {@link InternalAuthWebFilter}. */
    static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

    private final ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        if (!API.matches(exchange.getRequest().getPath().pathWithinApplication())) {
            return Mono.empty();
        }
        return bearer.convert(exchange);
    }
}
