package io.wxplatform.testkit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The helper against a tiny fake service: one that isolates tenants passes, a leaky one fails with the reasons. */
class TenantIsolationTest {

    private static final Set<Endpoint> INVENTORY = Set.of(
            Endpoint.parse("GET /api/v1/tenants/{tenantId}/things"),
            Endpoint.parse("POST /api/v1/tenants/{tenantId}/things"));

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aServiceThatKeepsTenantsApartPasses() {
        String base = start(false);

        isolation(base).verify();
    }

    @Test
    void aLeakAnUncoveredEndpointAndAWritingViewerAreAllListed() {
        String base = start(true);

        assertThatThrownBy(() -> isolation(base)
                        .inventory(List.of(Endpoint.parse("DELETE /api/v1/tenants/{tenantId}/things")))
                        .verify())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no case covers DELETE /api/v1/tenants/{tenantId}/things")
                .hasMessageContaining("GET /api/v1/tenants/t-b/things: tenant A's admin got 200")
                .hasMessageContaining("POST /api/v1/tenants/t-b/things: tenant B's viewer got 200");
    }

    @Test
    void endpointsAreParsedFromMethodAndPattern() {
        assertThat(Endpoint.parse("post  /api/x/{id}:enable")).isEqualTo(new Endpoint("POST", "/api/x/{id}:enable"));
    }

    private static TenantIsolation isolation(String base) {
        return TenantIsolation.against(base)
                .owner("t-b")
                .attacker("t-a")
                .inventory(INVENTORY)
                .neverShown("b-secret")
                .read("GET /api/v1/tenants/{tenantId}/things", "/api/v1/tenants/t-b/things")
                .write("POST /api/v1/tenants/{tenantId}/things", "/api/v1/tenants/t-b/things", "{\"name\":\"x\"}");
    }

    /** Reads the token's claims without verifying them: it is a fake; the real services verify. */
    private String start(boolean leaky) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/tenants/", exchange -> answer(exchange, leaky));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, boolean leaky) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String pathTenant = exchange.getRequestURI().getPath().split("/")[4];
        if (authorization == null) {
            send(exchange, 401, "{\"code\":\"UNAUTHENTICATED\"}");
            return;
        }
        String tenant;
        List<String> roles;
        try {
            var claims =
                    SignedJWT.parse(authorization.substring("Bearer ".length())).getJWTClaimsSet();
            tenant = claims.getStringClaim("tenant_id");
            roles = claims.getStringListClaim("roles");
        } catch (ParseException e) {
            send(exchange, 401, "{\"code\":\"UNAUTHENTICATED\"}");
            return;
        }
        if (!leaky && !pathTenant.equals(tenant)) {
            send(exchange, 404, "{\"code\":\"TENANT_NOT_FOUND\",\"detail\":\"no tenant " + pathTenant + "\"}");
        } else if (!leaky && "POST".equals(exchange.getRequestMethod()) && !roles.contains("tenant-admin")) {
            send(exchange, 403, "{\"code\":\"FORBIDDEN\"}");
        } else {
            send(exchange, 200, "{\"name\":\"b-secret\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
