package io.wxplatform.callback.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.callback.support.RealPlatform;
import io.wxplatform.callback.support.Registration;
import io.wxplatform.callback.support.RulesTopic;
import io.wxplatform.events.Topics;
import io.wxplatform.events.rules.Reply;
import io.wxplatform.events.rules.Trigger;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.wechat.protocol.callback.CallbackRequest;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.callback.OpenedReply;
import io.wxplatform.wechat.protocol.callback.ReplyOpener;
import io.wxplatform.wechat.protocol.callback.SignedCallback;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import io.wxplatform.wechat.protocol.reply.AddressedReply;
import io.wxplatform.wechat.protocol.reply.ReplyParser;
import io.wxplatform.wechat.protocol.reply.TextReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Third-party platform (component) routes against the real token-service and sandbox: pushes to the authorization
 * event URL and callbacks of authorized accounts, both sealed with the component's Token and key. The component is
 * registered with token-service (operator API) and with the sandbox, whose first verify-ticket push reaches
 * token-service through this callback-service and Kafka; the authorized account comes from a real authorization (the
 * owner approves in the sandbox, WeChat's {@code authorized} push takes the same way), so its settings are what
 * token-service's internal API answers for a component-mode account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComponentCallbacksIT {

    private static final String COMPONENT = "wx" + hex().substring(0, 16);
    private static final String AUTHORIZED = "wx" + hex().substring(0, 16);
    private static final String TENANT = "t-comp-" + hex().substring(0, 8);
    private static final String TOKEN = "componenttoken";
    private static final String KEY = Base64.getEncoder()
            .withoutPadding()
            .encodeToString(UUID.randomUUID().toString().replace("-", "").getBytes(StandardCharsets.US_ASCII));
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        RealPlatform platform = RealPlatform.get();
        registry.add("spring.kafka.bootstrap-servers", platform::kafkaBootstrapServers);
        registry.add("wxplatform.token-service.url", platform::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealPlatform.INTERNAL_TOKEN);
        registry.add("wxplatform.mongodb.uri", platform::mongoUri);
        registry.add("wxplatform.mongodb.database", () -> "wx_callback_component_it");
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeAll
    void aComponentWithAnAuthorizedAccount() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
        Registration registration = new Registration(RealPlatform.get());
        String secret = "secret" + hex();
        registration.componentInTokenService(COMPONENT, secret, TOKEN, KEY);
        registration.componentInSandbox(
                COMPONENT,
                secret,
                TOKEN,
                KEY,
                "http://127.0.0.1:" + port + "/wx/component/" + COMPONENT + "/auth",
                "http://127.0.0.1:" + port + "/wx/component/" + COMPONENT + "/$APPID$/callback");
        registration.tenantInTokenService(TENANT);
        registration.authorizedAccount(TENANT, COMPONENT, AUTHORIZED, WAIT);
    }

    @Test
    void aVerifyTicketPushBecomesAComponentEventBeforeWeChatHearsSuccess() {
        // Older than the sandbox's own ticket, so token-service keeps that one (it keeps only newer tickets).
        long createTime = Instant.now().getEpochSecond() - 3600;
        String push = "<xml><AppId><![CDATA[" + COMPONENT + "]]></AppId><CreateTime>" + createTime + "</CreateTime>"
                + "<InfoType><![CDATA[component_verify_ticket]]></InfoType>"
                + "<ComponentVerifyTicket><![CDATA[ticket@@@" + hex() + "]]></ComponentVerifyTicket></xml>";

        try (KafkaProbe component = KafkaProbe.on(Topics.COMPONENT)) {
            post("/wx/component/" + COMPONENT + "/auth", seal(COMPONENT, push, null))
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .isEqualTo("success");

            String ceId = COMPONENT + ":cmp:component_verify_ticket:" + createTime;
            ConsumerRecord<String, byte[]> record = component
                    .awaitMatching(r -> ceId.equals(header(r, "ce_id")), 1, WAIT)
                    .get(0);
            assertThat(header(record, "ce_type")).isEqualTo("io.wxplatform.wx.component.component_verify_ticket");
            assertThat(header(record, "ce_source")).isEqualTo("/wx/component/" + COMPONENT);
        }
    }

    @Test
    void anAuthorizedAccountsCallbackIsOpenedWithTheComponentsKeyAndBelongsToTheAccountsTenant() {
        String openId = "o" + hex();
        String text = "<xml><ToUserName><![CDATA[gh_authorized]]></ToUserName>"
                + "<FromUserName><![CDATA[" + openId + "]]></FromUserName>"
                + "<CreateTime>" + Instant.now().getEpochSecond() + "</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content>"
                + "<MsgId>77</MsgId></xml>";

        try (KafkaProbe inbound = KafkaProbe.on(Topics.INBOUND)) {
            post("/wx/component/" + COMPONENT + "/" + AUTHORIZED + "/callback", seal(COMPONENT, text, openId))
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .isEqualTo("success");

            String key = AUTHORIZED + "|" + openId;
            ConsumerRecord<String, byte[]> record = inbound.awaitMatching(
                            r -> key.equals(r.key()), 1, Duration.ofSeconds(20))
                    .get(0);
            assertThat(header(record, "ce_id")).isEqualTo(AUTHORIZED + ":msg:77");
            assertThat(header(record, "ce_tenantid")).isEqualTo(TENANT);
            assertThat(header(record, "ce_appid")).isEqualTo(AUTHORIZED);
        }
    }

    @Test
    void anAuthorizedAccountsPassiveReplyIsSealedWithTheComponentsTokenKeyAndAppId() {
        String openId = "o" + hex();
        try (RulesTopic rules = new RulesTopic()) {
            rules.publish(
                    TENANT,
                    AUTHORIZED,
                    1,
                    RulesTopic.rule(
                            TENANT,
                            AUTHORIZED,
                            "menu",
                            new Trigger.KeywordExact("menu"),
                            new Reply.Text("Here is the menu")));
        }
        AtomicLong msgIds = new AtomicLong(1000);

        String body = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> post(
                                        "/wx/component/" + COMPONENT + "/" + AUTHORIZED + "/callback",
                                        seal(
                                                COMPONENT,
                                                authorizedText(openId, "menu", msgIds.incrementAndGet()),
                                                openId))
                                .expectStatus()
                                .isOk()
                                .expectBody(String.class)
                                .returnResult()
                                .getResponseBody(),
                        answer -> !"success".equals(answer));

        OpenedReply reply = ReplyOpener.open(
                body, EncryptionMode.SAFE, TOKEN, new MessageCrypto(EncodingAesKey.parse(KEY), COMPONENT));
        assertThat(reply.wasEncrypted()).isTrue();
        AddressedReply addressed = ReplyParser.parseAddressed(reply.innerXml());
        assertThat(addressed.toUserName()).isEqualTo(openId);
        assertThat(addressed.fromUserName()).isEqualTo("gh_authorized");
        assertThat(addressed.reply()).isEqualTo(new TextReply("Here is the menu"));
    }

    private static String authorizedText(String openId, String content, long msgId) {
        return "<xml><ToUserName><![CDATA[gh_authorized]]></ToUserName>"
                + "<FromUserName><![CDATA[" + openId + "]]></FromUserName>"
                + "<CreateTime>" + Instant.now().getEpochSecond() + "</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content + "]]></Content>"
                + "<MsgId>" + msgId + "</MsgId></xml>";
    }

    @Test
    void ciphertextSealedForTheAuthorizedAccountInsteadOfTheComponentIsForbidden() {
        String text = "<xml><ToUserName><![CDATA[gh_authorized]]></ToUserName>"
                + "<FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>78</MsgId></xml>";

        post("/wx/component/" + COMPONENT + "/" + AUTHORIZED + "/callback", seal(AUTHORIZED, text, "o1"))
                .expectStatus()
                .isForbidden();
    }

    @Test
    void anUnknownComponentOrAccountIsNotFound() {
        String push = "<xml><AppId><![CDATA[wxunknown]]></AppId><CreateTime>1</CreateTime>"
                + "<InfoType><![CDATA[unauthorized]]></InfoType></xml>";

        post("/wx/component/wxunknown/auth", seal("wxunknown", push, null))
                .expectStatus()
                .isNotFound();
        post("/wx/component/wxunknown/" + AUTHORIZED + "/callback", seal("wxunknown", push, "o1"))
                .expectStatus()
                .isNotFound();
        post("/wx/component/" + COMPONENT + "/wxnotauthorized/callback", seal(COMPONENT, push, "o1"))
                .expectStatus()
                .isNotFound();
    }

    private static SignedCallback seal(String sealedFor, String innerXml, String openId) {
        Instant now = Instant.now();
        return CallbackRequest.build(
                EncryptionMode.SAFE,
                TOKEN,
                EncodingAesKey.parse(KEY),
                sealedFor,
                innerXml,
                openId,
                String.valueOf(now.getEpochSecond()),
                "n" + now.toEpochMilli());
    }

    private WebTestClient.ResponseSpec post(String path, SignedCallback callback) {
        String query = callback.query().entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.post()
                .uri(path + "?" + query)
                .contentType(MediaType.TEXT_XML)
                .bodyValue(callback.body())
                .exchange();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** 16 hex digits, always (a random long's own hex may be shorter: ids cut from it failed the class). */
    private static String hex() {
        return String.format("%016x", UUID.randomUUID().getMostSignificantBits());
    }
}
