package io.wxplatform.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The demo tenant and account that the local platform registers on start: in token-service through the gateway's
 * REST API, and in the sandbox, whose followers then call back through the gateway. Values are for the sandbox only.
 */
record DemoAccount(
        String tenantId,
        String appId,
        String appSecret,
        String callbackToken,
        String encodingAesKey,
        String followerOpenId) {

    static DemoAccount standard() {
        return new DemoAccount(
                "demo",
                "wx0123456789abcdef",
                "demo-app-secret-for-the-sandbox-only",
                "demotoken",
                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "o-demo-follower");
    }

    /**
     * Registers the demo in both places, in token-service with a platform operator's token; repeating it after a
     * restart is harmless (409 means already there).
     */
    void register(String gatewayUrl, String sandboxUrl, String operatorToken) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        post(http, sandboxUrl + "/sandbox/accounts", null, """
                {"appId":"%s","secret":"%s","name":"Demo account","callbackUrl":"%s/wx/%s/callback",
                 "token":"%s","encodingAesKey":"%s","encryptionMode":"SAFE","type":"SERVICE","verified":true}""".formatted(
                        appId, appSecret, gatewayUrl, appId, callbackToken, encodingAesKey));
        post(http, gatewayUrl + "/api/v1/tenants", operatorToken, """
                {"id":"%s","name":"Demo tenant"}""".formatted(tenantId));
        post(http, gatewayUrl + "/api/v1/tenants/" + tenantId + "/accounts", operatorToken, """
                {"appId":"%s","name":"Demo account","type":"SERVICE","verified":true,"appSecret":"%s",
                 "callbackToken":"%s","encodingAesKey":"%s"}""".formatted(
                        appId, appSecret, callbackToken, encodingAesKey));
    }

    /** The demo's passive reply rule: a follower's text containing "hello" is answered at once. */
    static final String RULE = """
            {"trigger":{"type":"KEYWORD_CONTAINS","keyword":"hello"},
             "reply":{"type":"TEXT","content":"Hello from the wxplatform demo (a reply rule answered you)."}}""";

    /** The customer-service message the demo sends its follower; the key makes a restart find it again. */
    static final String WELCOME_KEY = "demo-welcome";

    static final String WELCOME = "{\"openId\":\"%s\",\"msgType\":\"text\","
            + "\"text\":{\"content\":\"Welcome! This came through the REST API.\"}}";

    /**
     * Shows what the platform does: registers the reply rule (once: a restart finds it), makes the demo follower say
     * hello (answered by the rule), then answers with a customer-service message through the REST API. Returns the
     * message's status URL.
     */
    String showcase(String gatewayUrl, String sandboxUrl, String adminToken) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String account = gatewayUrl + "/api/v1/tenants/" + tenantId + "/accounts/" + appId;
        // messaging-service learns the account from token-service's notice: it may take a moment.
        String rules = retry(() -> call(http, "GET", account + "/rules", adminToken, null, null), 200);
        if (!rules.contains("\"keyword\":\"hello\"")) {
            retry(() -> call(http, "POST", account + "/rules", adminToken, RULE, null), 201);
        }
        call(
                http,
                "POST",
                sandboxUrl + "/sandbox/accounts/" + appId + "/followers/" + followerOpenId + "/messages",
                null,
                "{\"msgType\":\"text\",\"content\":\"hello\"}",
                null);
        // The follower's message reaches messaging-service through Kafka; until then the send is refused (409).
        String accepted = retry(
                () -> call(
                        http,
                        "POST",
                        account + "/messages/custom",
                        adminToken,
                        WELCOME.formatted(followerOpenId),
                        WELCOME_KEY),
                202);
        int at = accepted.indexOf("\"statusUrl\":\"") + "\"statusUrl\":\"".length();
        return gatewayUrl + accepted.substring(at, accepted.indexOf('"', at));
    }

    String helloCommand(String sandboxUrl) {
        return "curl -s -X POST -H 'Content-Type: application/json' -d '{\"msgType\":\"text\",\"content\":\"hello\"}' "
                + "'" + sandboxUrl + "/sandbox/accounts/" + appId + "/followers/" + followerOpenId + "/messages'";
    }

    String customerServiceCommand(String gatewayUrl) {
        return "curl -s -X POST -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' "
                + "-H 'Idempotency-Key: my-first-send' -d '{\"openId\":\"" + followerOpenId
                + "\",\"msgType\":\"text\",\"text\":{\"content\":\"Thanks for writing!\"}}' "
                + gatewayUrl + "/api/v1/tenants/" + tenantId + "/accounts/" + appId + "/messages/custom";
    }

    private record Response(int status, String body) {}

    /** Calls until the expected status (for up to 30 s); returns the body. */
    private static String retry(Supplier<Response> call, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response last = call.get();
        while (last.status() != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = call.get();
        }
        if (last.status() != expected) {
            throw new IllegalStateException(
                    "the demo expected " + expected + " but got " + last.status() + ": " + last.body());
        }
        return last.body();
    }

    private static Response call(
            HttpClient http, String method, String url, String bearerToken, String json, String idempotencyKey) {
        var builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void post(HttpClient http, String url, String bearerToken, String json) {
        var builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        var request = builder.build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 300 && status != 409) {
                throw new IllegalStateException("POST " + url + " answered " + status + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("POST " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
