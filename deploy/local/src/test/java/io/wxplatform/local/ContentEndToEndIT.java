package io.wxplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.wxplatform.testkit.auth.TestIssuer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Menus and media end to end through the gateway, every service its own process: a menu pushed to WeChat (the
 * sandbox) whose button a follower presses and the MENU_CLICK rule answers; an image uploaded as multipart whose
 * media_id a keyword rule sends back as the passive reply.
 */
class ContentEndToEndIT {

    private static final String TOKEN = "e2etoken";
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static E2ePlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = E2ePlatform.get();
    }

    @Test
    void aPressedMenuButtonIsAnsweredByTheMenuClickRule() {
        Account account = register("e2e-menu", "wx00e2e00000000b01", "o-e2e-menu-follower");
        String base = accountUrl(account);
        // messaging-service learns the account's owner from token-service's notice: it may take a moment.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> send("PUT", base + "/menu", """
                                {"buttons":[{"type":"click","name":"今日歌曲","key":"V1001_TODAY_MUSIC"},
                                 {"name":"菜单","subButtons":[
                                   {"type":"view","name":"搜索","url":"https://x.example/?a=1&b=2"}]}]}""", account.adminToken())
                                .status(),
                        status -> status == 200);
        assertThat(send("POST", base + "/rules", """
                        {"order":1,"trigger":{"type":"MENU_CLICK","eventKey":"V1001_TODAY_MUSIC"},
                         "reply":{"type":"TEXT","content":"Today's song"}}""", account.adminToken()).status())
                .isEqualTo(201);

        String press = platform.sandboxUrl() + "/sandbox/accounts/" + account.appId() + "/followers/" + account.openId()
                + "/menu/press";
        Answer replied = Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> send("POST", press, "{\"button\":\"今日歌曲\"}", null),
                        answer -> answer.status() == 200 && !answer.<Boolean>read("$.reply.empty"));

        assertThat(replied.<Boolean>read("$.reply.verified")).isTrue();
        assertThat(replied.<String>read("$.reply.content")).isEqualTo("Today's song");
        assertThat(send("GET", base + "/menu/drift", null, account.adminToken()).body())
                .contains("\"inSync\":true");
    }

    @Test
    void anUploadedImageIsTheReplyOfAKeywordRule() {
        Account account = register("e2e-media", "wx00e2e00000000b02", "o-e2e-media-follower");
        String base = accountUrl(account);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 7, 7, 7};
        Answer uploaded = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> upload(base + "/media", "cat.png", png, account.adminToken()),
                        answer -> answer.status() == 201);
        String mediaId = uploaded.read("$.mediaId");
        assertThat(send("POST", base + "/rules", """
                        {"order":1,"trigger":{"type":"KEYWORD_EXACT","keyword":"cat"},
                         "reply":{"type":"IMAGE","mediaId":"%s"}}""".formatted(mediaId), account.adminToken())
                        .status())
                .isEqualTo(201);

        String say = platform.sandboxUrl() + "/sandbox/accounts/" + account.appId() + "/followers/" + account.openId()
                + "/messages";
        Answer replied = Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> send("POST", say, "{\"msgType\":\"text\",\"content\":\"cat\"}", null),
                        answer -> !answer.<Boolean>read("$.reply.empty"));

        assertThat(replied.<Boolean>read("$.reply.verified")).isTrue();
        assertThat(replied.<String>read("$.reply.msgType")).isEqualTo("image");
        assertThat(replied.body()).contains(mediaId);
    }

    private static String accountUrl(Account account) {
        return platform.gatewayUrl() + "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
    }

    /** Tenant and safe-mode account in token-service (through the gateway) and on the simulated WeChat side. */
    private static Account register(String tenantId, String appId, String openId) {
        var issuer = TestIssuer.shared();
        Account account = new Account(tenantId, appId, openId, issuer.mint(tenantId, TestIssuer.TENANT_ADMIN));
        String gateway = platform.gatewayUrl();
        assertCreated(send(
                "POST",
                gateway + "/api/v1/tenants",
                "{\"id\":\"%s\",\"name\":\"E2E\"}".formatted(tenantId),
                issuer.operator()));
        assertCreated(send(
                "POST",
                gateway + "/api/v1/tenants/" + tenantId + "/accounts",
                """
                {"appId":"%s","name":"E2E","type":"SERVICE","verified":true,"appSecret":"secret-%s",
                 "callbackToken":"%s","encodingAesKey":"%s"}""".formatted(appId, appId, TOKEN, KEY),
                account.adminToken()));
        assertCreated(send(
                "POST",
                platform.sandboxUrl() + "/sandbox/accounts",
                """
                {"appId":"%s","secret":"secret-%s","name":"E2E","callbackUrl":"%s/wx/%s/callback",
                 "token":"%s","encodingAesKey":"%s","encryptionMode":"SAFE","type":"SERVICE",
                 "verified":true}""".formatted(appId, appId, gateway, appId, TOKEN, KEY),
                null));
        return account;
    }

    private static void assertCreated(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private record Account(String tenantId, String appId, String openId, String adminToken) {}

    record Answer(int status, String body) {
        <T> T read(String path) {
            return JsonPath.parse(body).read(path);
        }
    }

    private static Answer send(String method, String url, String json, String bearer) {
        var builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return send(bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer));
    }

    /** A multipart upload as curl -F sends it: a {@code type=image} field and the {@code file} part. */
    private static Answer upload(String url, String filename, byte[] bytes, String bearer) {
        String boundary = "e2e-boundary-7MA4YWxkTrZu0gW";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nimage\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            var response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
