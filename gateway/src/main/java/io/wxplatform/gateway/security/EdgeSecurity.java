package io.wxplatform.gateway.security;

import io.wxplatform.gateway.problems.EdgeProblems;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * The edge is a resource server too: {@code /api/**} needs a valid JWT of the configured issuer (Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*}), so an unauthenticated request never costs a service anything;
 * the token travels on unchanged and each service checks roles and tenant itself. WeChat's callbacks, the component
 * authorization return, health and the API docs are open. Stateless: no session, no CSRF, no login page. WeChat's
 * callbacks ({@code /wx/**}) skip the chain altogether: WeChat's signature, checked by callback-service, is their
 * authentication, and the edge has nothing to add to its hottest route.
 */
@Configuration(proxyBeanMethods = false)
public class EdgeSecurity {

    static final String CALLBACKS = "/wx/**";

    static final String[] OPEN = {
        "/connect/**",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/prometheus",
        "/v3/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/webjars/**"
    };

    @Bean
    SecurityWebFilterChain edgeSecurityFilterChain(
            ServerHttpSecurity http, ObjectProvider<ReactiveJwtDecoder> decoders, EdgeProblems problems) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, error) -> {
            boolean tokenPresented = error instanceof OAuth2AuthenticationException;
            // RFC 6750: say the token is invalid, never why; the reason is for our debug log, not a prober.
            exchange.getResponse()
                    .getHeaders()
                    .set(HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
            return problems.write(
                    exchange,
                    HttpStatus.UNAUTHORIZED,
                    EdgeProblems.UNAUTHENTICATED,
                    tokenPresented ? "The bearer token is invalid or expired" : "A bearer token is required");
        };
        return http.securityMatcher(
                        new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(CALLBACKS)))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/**")
                        .authenticated()
                        .pathMatchers(OPEN)
                        .permitAll()
                        // Anything else has no route and answers 404 (problem+json) from the edge itself.
                        .anyExchange()
                        .permitAll())
                .oauth2ResourceServer(server -> server.jwt(
                                jwt -> jwt.jwtDecoder(decoders.getIfAvailable(EdgeSecurity::refusingDecoder)))
                        .authenticationEntryPoint(unauthenticated))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthenticated))
                .build();
    }

    /** Without a configured issuer, every token is refused: never accept unverifiable tokens, never fail to start. */
    private static ReactiveJwtDecoder refusingDecoder() {
        LoggerFactory.getLogger(EdgeSecurity.class)
                .warn(
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri/jwk-set-uri are not set: every /api/** request will get 401");
        return token -> Mono.error(new BadJwtException("No issuer is configured"));
    }
}
