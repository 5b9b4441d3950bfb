package io.wxplatform.token;

import io.wxplatform.testkit.auth.Endpoints;
import io.wxplatform.testkit.auth.TenantIsolation;
import io.wxplatform.token.component.PendingAuthorizations;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** Every REST endpoint of token-service, probed with tenant A's, B's viewer's and no token for B's resources. */
class TenantIsolationIT extends TokenServiceITSupport {

    private static final String ACCOUNTS = "/api/v1/tenants/{tenantId}/accounts";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ApplicationContext context;

    @Test
    void tenantAGetsNothingOfTenantBFromAnyEndpoint() {
        Registered owner = registered();
        String attacker = Fixtures.tenantId();
        createTenant(attacker).expectStatus().isCreated();
        String componentAppId = Fixtures.appId();
        Map<String, Object> component = Map.of(
                "appSecret", Fixtures.secret(), "token", "ctok" + Fixtures.hex(4), "encodingAesKey", Fixtures.AES_KEY);
        http.put()
                .uri("/api/v1/components/{c}", componentAppId)
                .bodyValue(component)
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        String authorization = PendingAuthorizations.insert(context, owner.tenantId(), componentAppId);
        String tenant = "/api/v1/tenants/" + owner.tenantId();
        String account = tenant + "/accounts/" + owner.appId();

        TenantIsolation.against("http://localhost:" + port)
                .owner(owner.tenantId())
                .attacker(attacker)
                .inventory(Endpoints.of(mappings))
                .neverShown("Account " + owner.appId(), owner.secret(), owner.callbackToken(), "createdAt")
                .operatorOnly(
                        "POST /api/v1/tenants",
                        "/api/v1/tenants",
                        Map.of("id", Fixtures.tenantId(), "name", "New tenant"))
                .read("GET /api/v1/tenants/{tenantId}", tenant)
                .read("GET " + ACCOUNTS, tenant + "/accounts")
                .read("GET " + ACCOUNTS + "/{appId}", account)
                .read("GET " + ACCOUNTS + "/{appId}/permission-refusals", account + "/permission-refusals")
                .write(
                        "POST " + ACCOUNTS,
                        tenant + "/accounts",
                        Fixtures.account(Fixtures.appId(), Fixtures.secret(), "tok" + Fixtures.hex(4)))
                .write("PATCH " + ACCOUNTS + "/{appId}", account, Map.of("name", "Renamed"))
                .write("POST " + ACCOUNTS + "/{appId}:suspend", account + ":suspend", null)
                .write("POST " + ACCOUNTS + "/{appId}:resume", account + ":resume", null)
                .write(
                        "POST /api/v1/tenants/{tenantId}/authorizations",
                        tenant + "/authorizations",
                        Map.of("componentAppId", componentAppId, "returnUrl", "https://admin.example/back"))
                .read(
                        "GET /api/v1/tenants/{tenantId}/authorizations/{authorizationId}",
                        tenant + "/authorizations/" + authorization)
                .operatorOnly(
                        "PUT /api/v1/components/{componentAppId}", "/api/v1/components/" + componentAppId, component)
                .operatorOnly("GET /api/v1/components/{componentAppId}", "/api/v1/components/" + componentAppId, null)
                .operatorOnly("GET /api/v1/operator/accounts", "/api/v1/operator/accounts?status=ACTIVE", null)
                .operatorOnly("GET /api/v1/operator/components", "/api/v1/operator/components", null)
                .write("DELETE " + ACCOUNTS + "/{appId}", account, null)
                .verify();
    }
}
