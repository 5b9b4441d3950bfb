package io.wxplatform.bench.sends;

import io.wxplatform.bench.callback.Account;
import io.wxplatform.bench.callback.Callback;
import io.wxplatform.bench.callback.Tenants;
import io.wxplatform.testkit.auth.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's accounts (one tenant, service accounts, verified) in the sandbox, token-service and
 * messaging-service, each with a few followers whose customer-service window is open, and the requests built for
 * them: the same messages as REST sends to messaging-service and as WeChat calls for the bare client.
 */
final class Fleet {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APP_ID_PREFIX = "wxbe5e";
    private static final int APP_ID_LENGTH = 18;
    private static final int CONCURRENCY = 32;

    private final String tenantId;
    private final List<Account> accounts;
    private final int followers;
    private final Map<String, String> accessTokens;
    private final String messagingUrl;
    private final String sandboxUrl;
    private final HttpClient http;

    private Fleet(
            String tenantId,
            List<Account> accounts,
            int followers,
            Map<String, String> accessTokens,
            String messagingUrl,
            String sandboxUrl,
            HttpClient http) {
        this.tenantId = tenantId;
        this.accounts = accounts;
        this.followers = followers;
        this.accessTokens = accessTokens;
        this.messagingUrl = messagingUrl;
        this.sandboxUrl = sandboxUrl;
        this.http = http;
    }

    static Fleet prepare(
            int count, int followers, String sandboxUrl, String tokenUrl, String internalToken, String messagingUrl)
            throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        String tenantId = "bench-sends-" + UUID.randomUUID().toString().substring(0, 8);
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String hex = Integer.toHexString(i);
            String appId = APP_ID_PREFIX + "0".repeat(APP_ID_LENGTH - APP_ID_PREFIX.length() - hex.length()) + hex;
            accounts.add(
                    new Account(appId, "gh_sends" + i, SendsBenchmark.secret(), "benchtoken", SendsBenchmark.aesKey()));
        }
        post(
                        http,
                        sandboxUrl + "/sandbox/accounts/bulk",
                        null,
                        Map.of(
                                "appIdPrefix",
                                APP_ID_PREFIX,
                                "count",
                                count,
                                "appSecret",
                                SendsBenchmark.secret(),
                                "type",
                                "SERVICE",
                                "verified",
                                true))
                .block();
        Tenants.register(tokenUrl, tenantId, accounts).block();
        Fleet fleet =
                new Fleet(tenantId, accounts, followers, new ConcurrentHashMap<>(), messagingUrl, sandboxUrl, http);
        // Each follower writes in the sandbox, so WeChat's window is open.
        Flux.fromIterable(accounts)
                .flatMapIterable(account -> fleet.followersOf(account).stream()
                        .map(openId -> List.of(account.appId(), openId))
                        .toList())
                .flatMap(
                        pair -> post(
                                http,
                                sandboxUrl + "/sandbox/accounts/" + pair.get(0) + "/followers/" + pair.get(1)
                                        + "/messages",
                                null,
                                Map.of("msgType", "text", "content", "hello")),
                        CONCURRENCY)
                .blockLast();
        // The bare client calls WeChat with the tokens token-service holds, as the platform does.
        Flux.fromIterable(accounts)
                .flatMap(
                        account -> get(
                                        http,
                                        tokenUrl + "/internal/v1/accounts/" + account.appId() + "/access-token",
                                        internalToken)
                                .doOnNext(body -> fleet.accessTokens.put(
                                        account.appId(),
                                        body.path("accessToken").asString())),
                        CONCURRENCY)
                .blockLast();
        return fleet;
    }

    String tenantId() {
        return tenantId;
    }

    List<Account> accounts() {
        return accounts;
    }

    String adminToken() {
        return TestIssuer.shared().mint(tenantId, TestIssuer.TENANT_ADMIN);
    }

    /** The throughput followers of the account, then the one the kill run writes to. */
    List<String> followersOf(Account account) {
        List<String> openIds = new ArrayList<>();
        for (int f = 0; f < followers; f++) {
            openIds.add(follower(account, f));
        }
        openIds.add(killFollower(account));
        return openIds;
    }

    String killFollower(Account account) {
        return "oSendsKill" + account.appId().substring(APP_ID_PREFIX.length());
    }

    private String follower(Account account, int f) {
        return "oSends" + f + account.appId().substring(APP_ID_PREFIX.length());
    }

    String sendsPath(Account account) {
        return "/api/v1/tenants/" + tenantId + "/accounts/" + account.appId() + "/messages";
    }

    /**
     * Until messaging-service knows every account and every follower's window: the typing indicator (which needs
     * both, sends nothing and is called at WeChat) answers 204 for each.
     */
    void awaitWindowsKnown() {
        String bearer = adminToken();
        Flux.fromIterable(accounts)
                .flatMapIterable(account -> followersOf(account).stream()
                        .map(openId -> List.of(account, openId))
                        .toList())
                .flatMap(
                        pair -> Mono.defer(() -> status(
                                        http,
                                        messagingUrl + sendsPath((Account) pair.get(0)) + "/typing",
                                        bearer,
                                        Map.of("openId", pair.get(1), "typing", true)))
                                .flatMap(status -> status == 204
                                        ? Mono.just(status)
                                        : Mono.error(new IllegalStateException(
                                                "typing for " + pair + " answered " + status)))
                                // Up to 3 minutes: the account notices and follower events are on their way.
                                .retryWhen(Retry.fixedDelay(900, Duration.ofMillis(200))),
                        CONCURRENCY)
                .blockLast();
    }

    /** {@code count} REST sends: message i to account i mod accounts, follower (i / accounts) mod followers. */
    List<Callback> platformRequests(String prefix, int count) {
        return requests(
                prefix,
                count,
                (Message m) -> new Callback(
                        sendsPath(m.account()) + "/custom",
                        json(Map.of("openId", m.openId(), "msgType", "text", "text", Map.of("content", m.id()))),
                        m.id()));
    }

    /** The same messages as WeChat calls, each with the account's access token. */
    List<Callback> bareRequests(String prefix, int count) {
        return requests(
                prefix,
                count,
                (Message m) -> new Callback(
                        "/cgi-bin/message/custom/send?access_token="
                                + accessTokens.get(m.account().appId()),
                        json(Map.of("touser", m.openId(), "msgtype", "text", "text", Map.of("content", m.id()))),
                        m.id()));
    }

    /** The bare requests are answered errcode 0 (wrk sees only the HTTP status, WeChat answers 200 either way). */
    void checkBareAnswer(String sandboxUrl) {
        Callback sample = bareRequests("check", 1).get(0);
        JsonNode answer =
                postForJson(http, sandboxUrl + sample.path(), sample.body()).block();
        if (answer == null || answer.path("errcode").asInt(-1) != 0) {
            throw new IllegalStateException("the sandbox refused a bare send: " + answer);
        }
    }

    record Message(Account account, String openId, String id) {}

    private List<Callback> requests(String prefix, int count, Function<Message, Callback> build) {
        List<Callback> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Account account = accounts.get(i % accounts.size());
            String openId = follower(account, (i / accounts.size()) % followers);
            requests.add(build.apply(new Message(account, openId, prefix + i)));
        }
        return requests;
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    static Mono<Integer> status(HttpClient http, String uri, String bearer, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Mono.fromFuture(() -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()))
                .map(HttpResponse::statusCode);
    }

    private static Mono<Void> post(HttpClient http, String uri, String bearer, Object body) {
        return status(http, uri, bearer, body)
                .flatMap(status -> status / 100 == 2
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("POST " + uri + " answered " + status)));
    }

    private static Mono<JsonNode> postForJson(HttpClient http, String uri, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return Mono.fromFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .map(response -> JSON.readTree(response.body()));
    }

    static Mono<JsonNode> get(HttpClient http, String uri, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Mono.fromFuture(() -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()))
                .flatMap(response -> response.statusCode() == 200
                        ? Mono.just(JSON.readTree(response.body()))
                        : Mono.error(new IllegalStateException("GET " + uri + " answered " + response.statusCode())));
    }

    String sandboxUrl() {
        return sandboxUrl;
    }

    HttpClient http() {
        return http;
    }
}
