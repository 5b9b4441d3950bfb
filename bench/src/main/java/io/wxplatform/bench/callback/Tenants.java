package io.wxplatform.bench.callback;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/** Registers the benchmark's tenant and accounts through token-service's admin API. */
public final class Tenants {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Tenants() {}

    /** The tenant as a platform operator creates it, the accounts as the tenant's admin registers them. */
    public static Mono<Void> register(String tokenServiceUrl, String tenantId, List<Account> accounts) {
        HttpClient operator = as(client(tokenServiceUrl), TestIssuer.shared().operator());
        Mono<Void> tenant =
                post(operator, "/api/v1/tenants", java.util.Map.of("id", tenantId, "name", "Benchmark tenant"));
        return tenant.then(registerAccounts(tokenServiceUrl, tenantId, accounts));
    }

    /** Accounts registered by the admin of a tenant that exists already. */
    public static Mono<Void> registerAccounts(String tokenServiceUrl, String tenantId, List<Account> accounts) {
        HttpClient admin = as(client(tokenServiceUrl), TestIssuer.shared().mint(tenantId, TestIssuer.TENANT_ADMIN));
        return Flux.fromIterable(accounts)
                .concatMap(a -> post(
                        admin,
                        "/api/v1/tenants/" + tenantId + "/accounts",
                        java.util.Map.of(
                                "appId",
                                a.appId(),
                                "name",
                                "Benchmark " + a.originalId(),
                                "type",
                                "SERVICE",
                                "verified",
                                true,
                                "appSecret",
                                a.appSecret(),
                                "callbackToken",
                                a.callbackToken(),
                                "encodingAesKey",
                                a.encodingAesKey())))
                .then();
    }

    private static HttpClient client(String tokenServiceUrl) {
        return HttpClient.create()
                .baseUrl(tokenServiceUrl)
                .headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
    }

    private static HttpClient as(HttpClient client, String bearer) {
        return client.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + bearer));
    }

    private static Mono<Void> post(HttpClient client, String path, Object body) {
        return client.post()
                .uri(path)
                .send(ByteBufMono.fromString(Mono.just(JSON.writeValueAsString(body))))
                .responseSingle((response, content) -> content.asString()
                        .defaultIfEmpty("")
                        .flatMap(text -> response.status().code() / 100 == 2
                                ? Mono.<Void>empty()
                                : Mono.error(new IllegalStateException("POST " + path + " answered "
                                        + response.status().code() + ": " + text))))
                .timeout(Duration.ofSeconds(30));
    }
}
