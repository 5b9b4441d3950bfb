package io.wxplatform.callback.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.wxplatform.callback.support.RulesTopic;
import io.wxplatform.events.Topics;
import io.wxplatform.events.rules.Reply;
import io.wxplatform.events.rules.Trigger;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Third-party platform (component) routes: pushes to the authorization event URL and callbacks of authorized
 * accounts, both sealed with the component's Token and key. token-service's component settings endpoint does not
 * exist yet, so token-service is played by an HTTP server speaking the agreed contract
 * ({@code GET /internal/v1/components/{componentAppId}/callback-settings}); Kafka is real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ComponentCallbacksIT {

    private static final String COMPONENT = "wxc" + hex();
    private static final String AUTHORIZED = "wxa" + hex();
    private static final String TOKEN = "componenttoken";
    private static final String KEY = Base64.getEncoder().withoutPadding()
            .encodeToString(UUID.randomUUID().toString().replace("-", "").getBytes(StandardCharsets.US_ASCII));
    private static DisposableServer tokenService;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        KafkaProbe.createTopics(Topics.INBOUND, Topics.COMPONENT, Topics.ACCOUNT, Topics.REPLY_RULES);
        tokenService = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/internal/v1/components/{id}/callback-settings", (request, response) ->
                                !COMPONENT.equals(request.param("id")) ? response.status(404).send()
                                        : json(response, """
                                        {"componentAppId":"%s","callbackToken":"%s","aesKeys":["%s"]}"""
                                        .formatted(COMPONENT, TOKEN, KEY)))
                        .get("/internal/v1/accounts/{id}/callback-settings", (request, response) ->
                                !AUTHORIZED.equals(request.param("id")) ? response.status(404).send()
                                        : json(response, """
                                        {"appId":"%s","tenantId":"t-comp","mode":"COMPONENT","callbackToken":null,
                                         "aesKeys":[],"status":"ACTIVE"}""".formatted(AUTHORIZED))))
                .bindNow();
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.token-service.url", () -> "http://127.0.0.1:" + tokenService.port());
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
        registry.add("wxplatform.mongodb.database", () -> "wx_callback_component_it");
    }

    @AfterAll
    static void stop() {
        tokenService.disposeNow();
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void aVerifyTicketPushBecomesAComponentEventBeforeWeChatHearsSuccess() {
        long createTime = Instant.now().getEpochSecond();
        String push = "<xml><AppId><![CDATA[" + COMPONENT + "]]></AppId><CreateTime>" + createTime + "</CreateTime>"
                + "<InfoType><![CDATA[component_verify_ticket]]></InfoType>"
                + "<ComponentVerifyTicket><![CDATA[ticket@@@" + hex() + "]]></ComponentVerifyTicket></xml>";

        try (KafkaProbe component = KafkaProbe.on(Topics.COMPONENT)) {
            post("/wx/component/" + COMPONENT + "/auth", seal(COMPONENT, push, null))
                    .expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("success");

            ConsumerRecord<String, byte[]> record =
                    component.awaitMatching(r -> COMPONENT.equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
            assertThat(header(record, "ce_id"))
                    .isEqualTo(COMPONENT + ":cmp:component_verify_ticket:" + createTime);
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
                    .expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("success");

            String key = AUTHORIZED + "|" + openId;
            ConsumerRecord<String, byte[]> record =
                    inbound.awaitMatching(r -> key.equals(r.key()), 1, Duration.ofSeconds(20)).get(0);
            assertThat(header(record, "ce_id")).isEqualTo(AUTHORIZED + ":msg:77");
            assertThat(header(record, "ce_tenantid")).isEqualTo("t-comp");
            assertThat(header(record, "ce_appid")).isEqualTo(AUTHORIZED);
        }
    }

    @Test
    void anAuthorizedAccountsPassiveReplyIsSealedWithTheComponentsTokenKeyAndAppId() {
        String openId = "o" + hex();
        try (RulesTopic rules = new RulesTopic()) {
            rules.publish("t-comp", AUTHORIZED, 1, RulesTopic.rule("t-comp", AUTHORIZED, "menu",
                    new Trigger.KeywordExact("menu"), new Reply.Text("Here is the menu")));
        }
        AtomicLong msgIds = new AtomicLong(1000);

        String body = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> post("/wx/component/" + COMPONENT + "/" + AUTHORIZED + "/callback",
                                seal(COMPONENT, authorizedText(openId, "menu", msgIds.incrementAndGet()), openId))
                                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody(),
                        answer -> !"success".equals(answer));

        OpenedReply reply = ReplyOpener.open(body, EncryptionMode.SAFE, TOKEN,
                new MessageCrypto(EncodingAesKey.parse(KEY), COMPONENT));
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
                .expectStatus().isForbidden();
    }

    @Test
    void anUnknownComponentOrAccountIsNotFound() {
        String push = "<xml><AppId><![CDATA[wxunknown]]></AppId><CreateTime>1</CreateTime>"
                + "<InfoType><![CDATA[unauthorized]]></InfoType></xml>";

        post("/wx/component/wxunknown/auth", seal("wxunknown", push, null)).expectStatus().isNotFound();
        post("/wx/component/wxunknown/" + AUTHORIZED + "/callback", seal("wxunknown", push, "o1"))
                .expectStatus().isNotFound();
        post("/wx/component/" + COMPONENT + "/wxnotauthorized/callback", seal(COMPONENT, push, "o1"))
                .expectStatus().isNotFound();
    }

    private static SignedCallback seal(String sealedFor, String innerXml, String openId) {
        Instant now = Instant.now();
        return CallbackRequest.build(EncryptionMode.SAFE, TOKEN, EncodingAesKey.parse(KEY), sealedFor, innerXml,
                openId, String.valueOf(now.getEpochSecond()), "n" + now.toEpochMilli());
    }

    private WebTestClient.ResponseSpec post(String path, SignedCallback callback) {
        String query = callback.query().entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.post().uri(path + "?" + query).contentType(MediaType.TEXT_XML).bodyValue(callback.body())
                .exchange();
    }

    private static Mono<Void> json(reactor.netty.http.server.HttpServerResponse response, String body) {
        return response.header("Content-Type", "application/json").sendString(Mono.just(body)).then();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String hex() {
        return Long.toHexString(UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE);
    }
}
