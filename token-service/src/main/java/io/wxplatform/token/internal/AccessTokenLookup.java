package io.wxplatform.token.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.wxplatform.requestids.RequestIds;
import io.wxplatform.support.security.ServiceCredential;
import io.wxplatform.token.credential.AccessTokens;
import io.wxplatform.token.credential.IssuedToken;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationConvention;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /internal/v1/accounts/{appId}/access-token} answered straight from the HTTP server, ahead of WebFlux's
 * filters and dispatcher, when this replica's cache holds a token it may serve: the platform's most frequent internal
 * call costs a cache read rather than the dispatcher, the security chain and the controller (docs/benchmarks.md, token
 * fleet). The answer is the one {@link InternalAccountController} gives: the same JSON (the application's own
 * {@code JsonMapper}, which WebFlux's codec uses), the same headers (Spring Security's defaults, {@code X-Request-Id}
 * kept or made) and the same {@code http.server.requests} observation (metric, and span when tracing is on).
 *
 * <p>Everything else goes on to WebFlux unchanged, and so answers exactly as before: another path or method, a
 * request without the service credential (checked first, with the filter's own {@link ServiceCredential}; the filter
 * then refuses it with its 401 problem), an {@code Accept} that JSON does not satisfy, a request announcing a body,
 * a cache miss (the controller loads the token, never blocking, and caches it for the next lookup) and a cached
 * token that fails to open (the controller's error answer).
 */
final class AccessTokenLookup implements HttpHandler {

    static final String PATTERN = "/internal/v1/accounts/{appId}/access-token";

    private static final String PREFIX = "/internal/v1/accounts/";
    private static final String SUFFIX = "/access-token";
    private static final int MAX_APP_ID = 64;
    private static final DefaultServerRequestObservationConvention DEFAULT_CONVENTION =
            new DefaultServerRequestObservationConvention();

    private final HttpHandler next;
    private final ServiceCredential credential;
    private final AccessTokens accessTokens;
    private final JsonMapper json;
    private final ObservationRegistry observations;
    private final ServerRequestObservationConvention convention;

    AccessTokenLookup(
            HttpHandler next,
            ServiceCredential credential,
            AccessTokens accessTokens,
            JsonMapper json,
            ObservationRegistry observations,
            ServerRequestObservationConvention convention) {
        this.next = next;
        this.credential = credential;
        this.accessTokens = accessTokens;
        this.json = json;
        this.observations = observations;
        this.convention = convention;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        String appId = appIdOf(request);
        if (appId == null
                || !credential.presentedIn(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                || !acceptsJson(request.getHeaders())
                || announcesBody(request.getHeaders())) {
            return next.handle(request, response);
        }
        IssuedToken token;
        try {
            token = accessTokens.cached(appId);
        } catch (RuntimeException e) {
            // e.g. a value sealed under a key this replica lacks: WebFlux meets it again and answers its problem.
            token = null;
        }
        if (token == null) {
            return next.handle(request, response);
        }
        return answer(token, request, response);
    }

    private Mono<Void> answer(IssuedToken token, ServerHttpRequest request, ServerHttpResponse response) {
        ServerRequestObservationContext context = new ServerRequestObservationContext(request, response, Map.of());
        context.setPathPattern(PATTERN);
        Observation observation = ServerHttpObservationDocumentation.HTTP_REACTIVE_SERVER_REQUESTS
                .observation(convention, DEFAULT_CONVENTION, () -> context, observations)
                .start();
        HttpHeaders headers = response.getHeaders();
        headers.set(
                RequestIds.HEADER,
                RequestIds.keepOrGenerate(request.getHeaders().getFirst(RequestIds.HEADER)));
        SecurityHeaders.addTo(headers);
        // The mapper recycles its buffers; WebFlux's encoder took fresh 8 KB and 4 KB ones per answer (half of what
        // a lookup allocated, in a flight recording).
        byte[] body = json.writeValueAsBytes(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(body.length);
        response.setStatusCode(HttpStatus.OK);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)))
                .doOnError(error -> {
                    context.setError(error);
                    observation.error(error);
                })
                .doFinally(signal -> observation.stop());
    }

    /** The appId of the lookup's exact path (letters, digits, {@code _}, {@code -}: nothing to decode), else null. */
    private static String appIdOf(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.GET) {
            return null;
        }
        String path = request.getPath().pathWithinApplication().value();
        int end = path.length() - SUFFIX.length();
        if (!path.startsWith(PREFIX)
                || !path.endsWith(SUFFIX)
                || end <= PREFIX.length()
                || end - PREFIX.length() > MAX_APP_ID) {
            return null;
        }
        for (int i = PREFIX.length(); i < end; i++) {
            char c = path.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return null;
            }
        }
        return path.substring(PREFIX.length(), end);
    }

    /** No {@code Accept}, or one that takes JSON: what the controller answers with JSON too. */
    private static boolean acceptsJson(HttpHeaders headers) {
        String accept = headers.getFirst(HttpHeaders.ACCEPT);
        if (accept == null) {
            return true;
        }
        try {
            return headers.getAccept().stream()
                    .anyMatch(type -> type.includes(MediaType.APPLICATION_JSON) && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** A GET with a body is left to WebFlux, which deals with unread bodies (platform-support's UnreadBody). */
    private static boolean announcesBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }
}
