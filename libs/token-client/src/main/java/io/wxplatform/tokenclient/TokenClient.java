package io.wxplatform.tokenclient;

import io.wxplatform.support.reactive.SingleFlight;
import io.wxplatform.wechat.api.ErrorCategory;
import io.wxplatform.wechat.api.PermissionSets;
import io.wxplatform.wechat.api.WeChatApiException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client of token-service's internal token API. Tokens are cached per appId until {@code refreshMargin} before they
 * expire; concurrent callers for one appId share one HTTP call. {@link #withToken} runs a WeChat call and, when
 * WeChat says the token is stale, reports that token's version, loads a new one and retries once; when WeChat refuses
 * the call for want of permission (48001, 61007), reports that to token-service, which shows it on the account.
 */
public final class TokenClient {

    private static final Logger log = LoggerFactory.getLogger(TokenClient.class);
    private static final String ACCESS_TOKEN = "/internal/v1/accounts/{appId}/access-token";
    private static final String INVALID = "/internal/v1/accounts/{appId}/access-token/invalid";
    private static final String JSAPI_TICKET = "/internal/v1/accounts/{appId}/jsapi-ticket";
    private static final String OAUTH_CLIENT = "/internal/v1/accounts/{appId}/oauth/client";
    private static final String OAUTH_EXCHANGE = "/internal/v1/accounts/{appId}/oauth/exchange";
    private static final String PERMISSION_REFUSALS = "/internal/v1/accounts/{appId}/permission-refusals";

    private final WebClient web;
    private final Clock clock;
    private final TokenClientOptions options;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ConcurrentMap<String, AccessTokenView> cache = new ConcurrentHashMap<>();
    private final SingleFlight<String, AccessTokenView> loads = new SingleFlight<>();

    public TokenClient(WebClient.Builder builder, URI tokenServiceUrl, String internalAuthToken, Clock clock) {
        this(builder, tokenServiceUrl, internalAuthToken, clock, TokenClientOptions.defaults());
    }

    public TokenClient(
            WebClient.Builder builder,
            URI tokenServiceUrl,
            String internalAuthToken,
            Clock clock,
            TokenClientOptions options) {
        this.web = builder.clone()
                .baseUrl(tokenServiceUrl.toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + internalAuthToken)
                .build();
        this.clock = clock;
        this.options = options;
    }

    public Mono<AccessTokenView> accessToken(String appId) {
        return Mono.defer(() -> {
            AccessTokenView cached = usable(appId);
            return cached != null ? Mono.just(cached) : loads.run(appId, () -> load(appId));
        });
    }

    /**
     * The account's current jsapi_ticket from token-service, which refreshes it before it expires (so it is fetched
     * each time, never cached stale here). WeChat's refusals come back as {@link WeChatApiException}.
     */
    public Mono<JsapiTicketView> jsapiTicket(String appId) {
        return web.get()
                .uri(JSAPI_TICKET, appId)
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(byte[].class).map(body -> readTicket(appId, body))
                        : failure(appId, response))
                .switchIfEmpty(Mono.error(() -> new TokenServiceException(appId, 200, "MALFORMED_RESPONSE", "empty")))
                .timeout(options.requestTimeout())
                .onErrorMap(TokenClient::isUnexpected, error -> unreachable(appId, error));
    }

    /** Whether WeChat's authorize page must name a component for the account (token-service knows its mode). */
    public Mono<OAuthClientView> oauthClient(String appId) {
        return web.get()
                .uri(OAUTH_CLIENT, appId)
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(byte[].class).map(body -> readAs(appId, body, OAuthClientView.class))
                        : failure(appId, response))
                .switchIfEmpty(Mono.error(() -> new TokenServiceException(appId, 200, "MALFORMED_RESPONSE", "empty")))
                .timeout(options.requestTimeout())
                .onErrorMap(TokenClient::isUnexpected, error -> unreachable(appId, error));
    }

    /**
     * Exchanges a web-authorization code in token-service, which holds what the exchange needs (the AppSecret, or
     * the component's token). WeChat's refusals (40029, 40163, …) come back as {@link WeChatApiException}.
     */
    public Mono<OAuthGrantView> exchangeOAuthCode(String appId, String code) {
        return web.post()
                .uri(OAUTH_EXCHANGE, appId)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(json.writeValueAsBytes(Map.of("code", code)))
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(byte[].class).map(body -> readAs(appId, body, OAuthGrantView.class))
                        : failure(appId, response))
                .switchIfEmpty(Mono.error(() -> new TokenServiceException(appId, 200, "MALFORMED_RESPONSE", "empty")))
                .timeout(options.requestTimeout())
                .onErrorMap(TokenClient::isUnexpected, error -> unreachable(appId, error));
    }

    /** Tells token-service that this version failed; it refreshes at most once per version. Drops the local copy. */
    public Mono<Void> reportInvalid(String appId, long version) {
        return Mono.defer(() -> {
            cache.computeIfPresent(appId, (id, cached) -> cached.version() <= version ? null : cached);
            return web.post()
                    .uri(INVALID, appId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(json.writeValueAsBytes(Map.of("version", version)))
                    .exchangeToMono(response ->
                            response.statusCode().is2xxSuccessful() ? response.releaseBody() : failure(appId, response))
                    .timeout(options.requestTimeout())
                    .onErrorMap(error -> isUnexpected(error), error -> unreachable(appId, error));
        });
    }

    /**
     * A rotation notice ({@code TokenRotated} on {@code wx.token.v1}): drops the cached token if it is older than
     * {@code version}, so the next call loads the new one. Older or repeated notices keep the cache.
     */
    public void onRotated(String appId, long version) {
        cache.computeIfPresent(appId, (id, cached) -> cached.version() < version ? null : cached);
    }

    /**
     * Runs {@code call} with the account's access token; on a stale-token answer, reports it and retries once. A
     * PERMISSION-category refusal (the account passed WeChat's permission table, yet WeChat says no) is recorded on
     * the account in token-service before it is passed on: the one place where every WeChat call of every service
     * (sends and synchronous pass-throughs alike) has its permission refusals recorded.
     */
    public <T> Mono<T> withToken(String appId, Function<String, Mono<T>> call) {
        return accessToken(appId)
                .flatMap(token -> call.apply(token.accessToken())
                        .onErrorResume(TokenClient::isStaleToken, stale -> retryWithNewToken(appId, token, call))
                        .onErrorResume(
                                TokenClient::isPermissionRefusal,
                                refused -> reportPermissionRefusal(appId, (WeChatApiException) refused)
                                        .then(Mono.error(refused))));
    }

    /**
     * Records on the account, in token-service, that WeChat refused {@code refusal}'s API for want of permission
     * (its group from wechat-api's {@link PermissionSets} when the path is listed). Never fails: a refusal that cannot
     * be recorded is logged, and the caller still gets WeChat's answer.
     */
    public Mono<Void> reportPermissionRefusal(String appId, WeChatApiException refusal) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("api", refusal.api());
        PermissionSets.wechat().groupOf(refusal.api()).ifPresent(group -> report.put("apiGroup", group.name()));
        report.put("errcode", refusal.errcode());
        report.put("errmsg", refusal.errmsg());
        return Mono.defer(() -> web.post()
                        .uri(PERMISSION_REFUSALS, appId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(json.writeValueAsBytes(report))
                        .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                                ? response.releaseBody()
                                : failure(appId, response)))
                .timeout(options.requestTimeout())
                .doOnSuccess(done -> log.info(
                        "WeChat refused {} for {} ({}): recorded on the account",
                        refusal.api(),
                        appId,
                        refusal.errcode()))
                .onErrorResume(error -> {
                    log.warn(
                            "Could not record WeChat's refusal of {} for {} ({}): {}",
                            refusal.api(),
                            appId,
                            refusal.errcode(),
                            error.toString());
                    return Mono.empty();
                });
    }

    private static boolean isPermissionRefusal(Throwable error) {
        return error instanceof WeChatApiException wechat && wechat.category() == ErrorCategory.PERMISSION;
    }

    private <T> Mono<T> retryWithNewToken(String appId, AccessTokenView stale, Function<String, Mono<T>> call) {
        log.info("WeChat refused token version {} of {}; loading a new one and retrying once", stale.version(), appId);
        return reportInvalid(appId, stale.version())
                .onErrorResume(error -> {
                    log.warn(
                            "Could not report token version {} of {} as invalid: {}",
                            stale.version(),
                            appId,
                            error.getMessage());
                    return Mono.empty();
                })
                .then(accessToken(appId))
                .flatMap(fresh -> call.apply(fresh.accessToken()));
    }

    private static boolean isStaleToken(Throwable error) {
        return error instanceof WeChatApiException wechat && wechat.category() == ErrorCategory.TOKEN_INVALID;
    }

    private AccessTokenView usable(String appId) {
        AccessTokenView cached = cache.get(appId);
        boolean fresh = cached != null
                && cached.expiresAt().minus(options.refreshMargin()).isAfter(clock.instant());
        return fresh ? cached : null;
    }

    /** The work of one shared load: a caller of the previous load may have cached a fresh token a moment ago. */
    private Mono<AccessTokenView> load(String appId) {
        AccessTokenView cached = usable(appId);
        return cached != null ? Mono.just(cached) : fetch(appId).doOnNext(token -> cache.put(appId, token));
    }

    private Mono<AccessTokenView> fetch(String appId) {
        return web.get()
                .uri(ACCESS_TOKEN, appId)
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(byte[].class).map(body -> read(appId, body))
                        : failure(appId, response))
                .switchIfEmpty(Mono.error(() -> new TokenServiceException(appId, 200, "MALFORMED_RESPONSE", "empty")))
                .timeout(options.requestTimeout())
                .onErrorMap(TokenClient::isUnexpected, error -> unreachable(appId, error));
    }

    private AccessTokenView read(String appId, byte[] body) {
        try {
            return json.readValue(body, AccessTokenView.class);
        } catch (JacksonException e) {
            throw new TokenServiceException(appId, 200, "MALFORMED_RESPONSE", "token answer is not readable");
        }
    }

    private <T> T readAs(String appId, byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JacksonException e) {
            throw new TokenServiceException(appId, 200, "MALFORMED_RESPONSE", "answer is not readable");
        }
    }

    private JsapiTicketView readTicket(String appId, byte[] body) {
        try {
            JsapiTicketView ticket = json.readValue(body, JsapiTicketView.class);
            if (ticket.ticket() == null || ticket.ticket().isEmpty()) {
                throw new TokenServiceException(appId, 200, "MALFORMED_RESPONSE", "ticket answer without a ticket");
            }
            return ticket;
        } catch (JacksonException e) {
            throw new TokenServiceException(appId, 200, "MALFORMED_RESPONSE", "ticket answer is not readable");
        }
    }

    /** token-service relays WeChat's refusals as problem+json with {@code errcode}; others are its own problems. */
    private <T> Mono<T> failure(String appId, ClientResponse response) {
        int status = response.statusCode().value();
        return response.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> Mono.error(problem(appId, status, body)));
    }

    private RuntimeException problem(String appId, int status, byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            return new TokenServiceException(appId, status, "HTTP_" + status, null);
        }
        if (node.hasNonNull("errcode")) {
            return new WeChatApiException(
                    node.path("errcode").asInt(),
                    node.path("errmsg").asString(""),
                    appId,
                    node.path("api").asString("token-service"));
        }
        return new TokenServiceException(
                appId,
                status,
                node.path("code").asString("HTTP_" + status),
                node.path("detail").asString(""));
    }

    private static boolean isUnexpected(Throwable error) {
        return !(error instanceof TokenServiceException || error instanceof WeChatApiException);
    }

    private static TokenServiceException unreachable(String appId, Throwable error) {
        return new TokenServiceException(
                appId, 0, "UNREACHABLE", error.getClass().getSimpleName());
    }
}
