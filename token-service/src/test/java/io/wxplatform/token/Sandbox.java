package io.wxplatform.token;

import io.wxplatform.testkit.process.ServiceProcess;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/** The real WeChat simulator as its own process, started once per test JVM. */
public final class Sandbox {

    private static ServiceProcess process;

    private Sandbox() {}

    public static synchronized String url() {
        if (process == null) {
            process = ServiceProcess.start("sandbox", Map.of());
        }
        return process.baseUrl();
    }

    /** Registers the account with WeChat (plain mode; these tests never receive callbacks). */
    public static void registerAccount(String appId, String secret, String callbackToken, String aesKey) {
        post(
                "/sandbox/accounts",
                Map.of(
                        "appId",
                        appId,
                        "secret",
                        secret,
                        "name",
                        "Test " + appId,
                        "callbackUrl",
                        "http://127.0.0.1:9/unused",
                        "token",
                        callbackToken,
                        "encodingAesKey",
                        aesKey,
                        "encryptionMode",
                        "PLAIN",
                        "type",
                        "SERVICE",
                        "verified",
                        true));
    }

    /** The follower writes to the account, which opens its customer-service window. */
    public static void followerSays(String appId, String openId, String content) {
        post(
                "/sandbox/accounts/" + appId + "/followers/" + openId + "/messages",
                Map.of("msgType", "text", "content", content));
    }

    /** What the follower received, as JSON. */
    public static String inbox(String appId, String openId) {
        return WebClient.create(url())
                .get()
                .uri("/sandbox/accounts/{a}/followers/{o}/inbox", appId, openId)
                .retrieve()
                .bodyToMono(String.class)
                .block(Duration.ofSeconds(10));
    }

    /** The account's /cgi-bin calls as WeChat saw them: {@code [{api, at, errcode}]}. */
    public static String apiCalls(String appId) {
        return WebClient.create(url())
                .get()
                .uri("/sandbox/accounts/{a}/api-calls", appId)
                .retrieve()
                .bodyToMono(String.class)
                .block(Duration.ofSeconds(10));
    }

    /** Moves WeChat's time forward, e.g. to bring a token into its renewal window. */
    public static void advanceClock(Duration duration) {
        post("/sandbox/clock/advance", Map.of("seconds", duration.toSeconds()));
    }

    private static void post(String path, Map<String, Object> body) {
        WebClient.create(url())
                .post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(10));
    }
}
