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
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Menus, media and publishing end to end through the gateway, every service its own process: a menu pushed to WeChat
 * (the sandbox) whose button a follower presses and the MENU_CLICK rule answers; an image uploaded as multipart that a
 * keyword rule names by its asset id and sends back as the passive reply; a draft published, finished by the
 * sandbox's PUBLISHJOBFINISH through callback-service, listed and deleted.
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
    void anUploadedImageNamedByItsAssetIdIsTheReplyOfAKeywordRule() {
        Account account = register("e2e-media", "wx00e2e00000000b02", "o-e2e-media-follower");
        String base = accountUrl(account);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 7, 7, 7};
        Answer uploaded = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> upload(base + "/media", "image", "cat.png", png, account.adminToken()),
                        answer -> answer.status() == 201);
        String mediaId = uploaded.read("$.mediaId");
        String assetId = uploaded.read("$.assetId");
        Answer rule = send("POST", base + "/rules", """
                        {"order":1,"trigger":{"type":"KEYWORD_EXACT","keyword":"cat"},
                         "reply":{"type":"IMAGE","assetId":"%s"}}""".formatted(assetId), account.adminToken());
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(rule.<String>read("$.reply.mediaId")).isEqualTo(mediaId);

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
        // Naming the asset in a rule keeps it fresh: re-uploads follow (MediaIT drives the clocks through one).
        assertThat(send("GET", base + "/media/" + assetId, null, account.adminToken())
                        .<Boolean>read("$.keepFresh"))
                .isTrue();
    }

    @Test
    void aPublishedDraftIsFinishedByWeChatsEventListedAndDeleted() {
        Account account = register("e2e-publish", "wx00e2e00000000b03", "o-e2e-publish-follower");
        String base = accountUrl(account);
        byte[] jpg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
        String cover = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> upload(base + "/materials", "image", "cover.jpg", jpg, account.adminToken()),
                        answer -> answer.status() == 201)
                .read("$.mediaId");
        Answer draft = send("POST", base + "/drafts", """
                {"articles":[{"title":"春季新品","content":"<p>春天来了</p>","thumbMediaId":"%s"}]}""".formatted(cover), account.adminToken());
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        Answer job =
                send("POST", base + "/drafts/" + draft.read("$.mediaId") + "/publication", null, account.adminToken());
        assertThat(job.status()).as(job.body()).isEqualTo(202);

        // The sandbox publishes on its own and pushes PUBLISHJOBFINISH to the callback URL, through callback-service
        // and wx.inbound.v1 to the publish record.
        Answer published = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> send(
                                "GET", base + "/publications/" + job.read("$.publishId"), null, account.adminToken()),
                        answer -> answer.status() == 200
                                && !answer.<List<?>>read("$.articles").isEmpty());
        assertThat(published.<Integer>read("$.status")).isZero();
        String articleId = published.read("$.articleId");
        assertThat(published.<String>read("$.articles[0].url")).startsWith("https://mp.weixin.qq.com/s/");

        Answer listed = send("GET", base + "/published", null, account.adminToken());
        assertThat(listed.<Integer>read("$.total")).isEqualTo(1);
        assertThat(listed.<String>read("$.items[0].articleId")).isEqualTo(articleId);
        assertThat(send("DELETE", base + "/published/" + articleId, null, account.adminToken())
                        .status())
                .isEqualTo(204);
        assertThat(send("GET", base + "/published", null, account.adminToken()).<Integer>read("$.total"))
                .isZero();
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

    /** A multipart upload as curl -F sends it: a {@code type} field and the {@code file} part. */
    private static Answer upload(String url, String type, String filename, byte[] bytes, String bearer) {
        String boundary = "e2e-boundary-7MA4YWxkTrZu0gW";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + type + "\r\n"
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
