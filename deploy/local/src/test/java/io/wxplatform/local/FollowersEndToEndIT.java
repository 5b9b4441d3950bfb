package io.wxplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.testkit.auth.TestIssuer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * user-service's tenant API end to end, every service its own process and every call through the gateway with a
 * tenant's JWT: a QR code created over REST, scanned by a sandbox follower (WeChat's subscribe, then SCAN, through
 * the gateway's callback path), counted in the code's statistics; tags on that follower; a JS-SDK signature for a
 * page URL with a fragment.
 */
class FollowersEndToEndIT {

    private static final TestIssuer ISSUER = TestIssuer.shared();
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = E2ePlatform.get().platform();
    }

    @Test
    void aCodeCreatedThroughTheGatewayCountsTheSandboxFollowersSubscribeAndLaterScan() {
        Account account = register("e2e-qr", "wx00e2e00000000c01");
        // Above 2^31: a temporary scene is an unsigned 32-bit number all the way through WeChat and back.
        String scene = "4000000000";
        String openId = "o-e2e-qr-visitor";

        // user-service learns the account from token-service's notice: the first creations may be 404.
        Http.Answer created = Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> Http.postJson(account.api() + "/qrcodes", """
                                {"kind":"TEMPORARY","sceneId":%s,"expireSeconds":3600,"label":"Autumn flyer"}""".formatted(scene), account.admin()),
                        answer -> answer.status() != 404);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.<String>read("$.scene")).isEqualTo(scene);
        assertThat(created.<String>read("$.label")).isEqualTo("Autumn flyer");
        String ticket = created.read("$.ticket");
        assertThat(created.<String>read("$.imageUrl"))
                .endsWith("showqrcode?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8));

        // Not yet following: WeChat sends subscribe with EventKey qrscene_<scene> to the gateway's callback URL.
        Http.Answer subscribed = scan(account, openId, ticket);
        assertThat(subscribed.<Integer>read("$.attempts[0].status")).isEqualTo(200);
        awaitStats(account, scene, 1, 1);
        Http.Answer follower = Http.get(account.api() + "/followers/" + openId, account.admin());
        assertThat(follower.<Boolean>read("$.subscribed")).isTrue();
        assertThat(follower.<String>read("$.scene")).isEqualTo(scene);

        // Following now: the same scan is a SCAN with the bare scene, one more scan and no new follower.
        Http.Answer scanned = scan(account, openId, ticket);
        assertThat(scanned.<Integer>read("$.attempts[0].status")).isEqualTo(200);
        awaitStats(account, scene, 2, 1);

        var other = Http.bearer(ISSUER.mint("e2e-qr-other", TestIssuer.TENANT_ADMIN));
        assertThat(Http.get(account.api() + "/qrcodes/" + scene + "/stats", other)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aTagCreatedThroughTheGatewayIsOnTheFollowerItTagged() {
        Account account = register("e2e-tags", "wx00e2e00000000c02");
        String openId = "o-e2e-tagged";
        // A follower of the account, known to the platform from its subscribe callback.
        assertThat(Http.postJson(
                                platform.sandboxUrl() + "/sandbox/accounts/" + account.appId() + "/followers/" + openId
                                        + "/events",
                                "{\"event\":\"subscribe\"}")
                        .<Integer>read("$.attempts[0].status"))
                .isEqualTo(200);

        Http.Answer tag = Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> Http.postJson(account.api() + "/tags", "{\"name\":\"Early birds\"}", account.admin()),
                        answer -> answer.status() != 404);
        assertThat(tag.status()).as(tag.body()).isEqualTo(201);
        int tagId = tag.read("$.id");
        assertThat(tag.<String>read("$.name")).isEqualTo("Early birds");

        Http.Answer tagged = Http.postJson(
                account.api() + "/tags/" + tagId + "/tagging", "{\"openIds\":[\"" + openId + "\"]}", account.admin());
        assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
        assertThat(tagged.<Integer>read("$.batches")).isEqualTo(1);

        // The follower's tags as the platform keeps them, the tag's followers, and WeChat's own count of the tag.
        assertThat(Http.get(account.api() + "/followers/" + openId, account.admin())
                        .<List<Integer>>read("$.tagIds"))
                .containsExactly(tagId);
        assertThat(Http.get(account.api() + "/followers?tagId=" + tagId, account.admin())
                        .<List<String>>read("$.items[*].openId"))
                .containsExactly(openId);
        assertThat(Http.get(account.api() + "/tags", account.admin())
                        .<List<Integer>>read("$.items[?(@.id == " + tagId + ")].count"))
                .containsExactly(1);
    }

    @Test
    void aJsSdkSignatureThroughTheGatewaySignsThePageWithoutItsFragment() {
        Account account = register("e2e-jssdk", "wx00e2e00000000c03");
        String page = "https://shop.example/p?a=1&b=2";
        String query = "?url=" + URLEncoder.encode(page + "#/cart", StandardCharsets.UTF_8);

        Http.Answer signed = Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> Http.get(account.api() + "/jssdk/signature" + query, account.admin()),
                        answer -> answer.status() != 404);
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);

        // Signed with token-service's current ticket for the account, as WeChat's algorithm says.
        String ticket = Http.get(
                        platform.tokenServiceUrl() + "/internal/v1/accounts/" + account.appId() + "/jsapi-ticket",
                        Http.bearer(E2ePlatform.INTERNAL_TOKEN))
                .read("$.ticket");
        assertThat(signed.<String>read("$.appId")).isEqualTo(account.appId());
        assertThat(signed.<String>read("$.signature"))
                .isEqualTo(sha1("jsapi_ticket=" + ticket + "&noncestr=" + signed.read("$.nonceStr") + "&timestamp="
                        + signed.read("$.timestamp") + "&url=" + page));
    }

    private static Http.Answer scan(Account account, String openId, String ticket) {
        Http.Answer answer = Http.postJson(
                platform.sandboxUrl() + "/sandbox/accounts/" + account.appId() + "/followers/" + openId + "/scan",
                "{\"ticket\":\"" + ticket + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    /** The code's totals over its days (UTC days: a run across midnight splits them). */
    private static void awaitStats(Account account, String scene, int scans, int newFollowers) {
        String stats = account.api() + "/qrcodes/" + scene + "/stats";
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> Http.get(stats, account.admin()),
                        answer -> answer.status() == 200
                                && sum(answer.read("$.days[*].scans")) == scans
                                && sum(answer.read("$.days[*].newFollowers")) == newFollowers);
    }

    private static long sum(List<Number> values) {
        return values.stream().mapToLong(Number::longValue).sum();
    }

    /** A verified service account in token-service (through the gateway) and in the sandbox, in safe mode. */
    private static Account register(String tenantId, String appId) {
        String gateway = platform.gatewayUrl();
        var admin = Http.bearer(ISSUER.mint(tenantId, TestIssuer.TENANT_ADMIN));
        assertThat(Http.postJson(
                                gateway + "/api/v1/tenants",
                                "{\"id\":\"%s\",\"name\":\"E2E\"}".formatted(tenantId),
                                Http.bearer(ISSUER.operator()))
                        .status())
                .isEqualTo(201);
        assertThat(Http.postJson(
                                gateway + "/api/v1/tenants/" + tenantId + "/accounts",
                                """
                                {"appId":"%s","name":"E2E","type":"SERVICE","verified":true,"appSecret":"secret-%s",
                                 "callbackToken":"e2etoken","encodingAesKey":"%s"}""".formatted(appId, appId, KEY),
                                admin)
                        .status())
                .isEqualTo(201);
        assertThat(Http.postJson(platform.sandboxUrl() + "/sandbox/accounts", """
                                {"appId":"%s","secret":"secret-%s","name":"E2E","callbackUrl":"%s/wx/%s/callback",
                                 "token":"e2etoken","encodingAesKey":"%s","encryptionMode":"SAFE","type":"SERVICE",
                                 "verified":true}""".formatted(
                                        appId, appId, gateway, appId, KEY))
                        .status())
                .isEqualTo(201);
        return new Account(tenantId, appId, gateway + "/api/v1/tenants/" + tenantId + "/accounts/" + appId, admin);
    }

    private record Account(String tenantId, String appId, String api, Map<String, String> admin) {}

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
