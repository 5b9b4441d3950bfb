package io.wxplatform.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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

    String helloCommand(String sandboxUrl) {
        return "curl -s -X POST -H 'Content-Type: application/json' -d '{\"msgType\":\"text\",\"content\":\"hello\"}' "
                + "'" + sandboxUrl + "/sandbox/accounts/" + appId + "/followers/" + followerOpenId
                + "/messages?awaitMessages=1&timeoutMs=10000'";
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
