package io.wxplatform.support.security;

import io.wxplatform.support.web.ProblemAutoConfiguration;
import io.wxplatform.support.web.ProblemWriter;
import java.util.Arrays;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * The security chain of every service: {@code /api/**} needs a JWT of the configured issuer granting a platform role;
 * {@code /internal/**} is left to {@link InternalAuthWebFilter} (the service credential); WeChat's callbacks, health,
 * metrics and the OpenAPI document are open; everything else is refused. Stateless: no session, no CSRF, no login.
 * WeChat's callbacks ({@code /wx/**}) do not pass through the chain at all: they carry no bearer token, WeChat's
 * signature is their authentication, and they are the platform's hottest path.
 *
 * <p>The issuer is Spring Boot's standard {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} /
 * {@code jwk-set-uri}; without either, every {@code /api/**} request gets 401 (see
 * {@link UnconfiguredIssuerAutoConfiguration}).
 */
@AutoConfiguration(
        after = ProblemAutoConfiguration.class,
        before = {
            ReactiveOAuth2ResourceServerAutoConfiguration.class,
            ReactiveManagementWebSecurityAutoConfiguration.class,
            ReactiveUserDetailsServiceAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ServerHttpSecurity.class, ReactiveJwtDecoder.class})
public class ApiSecurityAutoConfiguration {

    /** WeChat's callbacks: authenticated by WeChat's signature, never by this chain. */
    static final String CALLBACKS = "/wx/**";

    static final String[] OPEN = {
        "/connect/**",
        // user-service's OAuth broker: browsers on their way to and back from WeChat's authorize page.
        "/oauth/**",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/prometheus",
        "/v3/api-docs",
        "/v3/api-docs/**"
    };

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    public SecurityWebFilterChain apiSecurityFilterChain(
            ServerHttpSecurity http, ObjectProvider<ReactiveJwtDecoder> decoders, ProblemWriter problems) {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems);
        String[] roles = Arrays.stream(Role.values()).map(Role::claim).toArray(String[]::new);
        return http.securityMatcher(
                        new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(CALLBACKS)))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(OPEN)
                        .permitAll()
                        .pathMatchers("/internal/**")
                        .permitAll()
                        .pathMatchers("/api/**")
                        .hasAnyAuthority(roles)
                        .anyExchange()
                        .denyAll())
                .oauth2ResourceServer(server -> server.bearerTokenConverter(new ApiBearerTokens())
                        .jwt(jwt -> jwt.jwtDecoder(
                                        decoders.getIfAvailable(UnconfiguredIssuerAutoConfiguration::refusingDecoder))
                                .jwtAuthenticationConverter(ApiSecurityAutoConfiguration::authentication))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .build();
    }

    /** The token's known roles become its authorities; {@link TenantAccess} reads the rest from the token itself. */
    private static Mono<AbstractAuthenticationToken> authentication(Jwt token) {
        return Mono.just(new JwtAuthenticationToken(
                token,
                Caller.of(token).roles().stream()
                        .map(role -> new SimpleGrantedAuthority(role.claim()))
                        .toList()));
    }
}
