package io.wxplatform.callback.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.callback.support.RealPlatform;
import io.wxplatform.callback.support.Registration;
import io.wxplatform.callback.support.RulesTopic;
import io.wxplatform.callback.support.TestAccount;
import io.wxplatform.events.Topics;
import io.wxplatform.events.rules.Delivery;
import io.wxplatform.events.rules.Reply;
import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.events.rules.Trigger;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;
import io.wxplatform.wechat.protocol.callback.CallbackRejectedException;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.callback.OpenedReply;
import io.wxplatform.wechat.protocol.callback.ReplyOpener;
import io.wxplatform.wechat.protocol.callback.SignedCallback;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import io.wxplatform.wechat.protocol.reply.AddressedReply;
import io.wxplatform.wechat.protocol.reply.Article;
import io.wxplatform.wechat.protocol.reply.ImageReply;
import io.wxplatform.wechat.protocol.reply.NewsReply;
import io.wxplatform.wechat.protocol.reply.ReplyParser;
import io.wxplatform.wechat.protocol.reply.TextReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Passive auto-replies: rule sets published on wx.reply-rules.v1 (as messaging-service publishes them) answer
 * followers' callbacks from memory, sealed as WeChat expects, once the event is durable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PassiveRepliesIT {

    private static final Duration RULES_WAIT = Duration.ofSeconds(20);
    private static final AtomicLong MSG_IDS = new AtomicLong(7_000_000_000_000_000L + System.nanoTime() % 1_000_000);
    private static final AtomicLong EVENT_SECONDS = new AtomicLong(1_700_000_000L);

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        RealPlatform platform = RealPlatform.get();
        registry.add("spring.kafka.bootstrap-servers", platform::kafkaBootstrapServers);
        registry.add("wxplatform.token-service.url", platform::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealPlatform.INTERNAL_TOKEN);
        registry.add("wxplatform.mongodb.uri", platform::mongoUri);
        registry.add("wxplatform.mongodb.database", () -> "wx_callback_it");
    }

    @LocalServerPort
    int port;

    Registration registration;
    RulesTopic rules;
    WebTestClient callbackService;

    @BeforeEach
    void setUp() {
        registration = new Registration(RealPlatform.get());
        rules = new RulesTopic();
        callbackService = client(port);
    }

    @AfterEach
    void tearDown() {
        rules.close();
    }

    @ParameterizedTest
    @EnumSource(EncryptionMode.class)
    void aMatchingTextIsAnsweredWithThePassiveReplySealedAsTheCallbackCame(EncryptionMode mode) {
        TestAccount account = registration.inTokenService(TestAccount.random(mode));
        String openId = TestAccount.openId();
        rules.publish(
                account,
                1,
                RulesTopic.rule(
                        account, "r1", new Trigger.KeywordExact("hours"), new Reply.Text("We are open 9 to 5")));

        try (KafkaProbe inbound = KafkaProbe.on(Topics.INBOUND)) {
            OpenedReply reply = awaitReply(account, () -> text(account, openId, "hours"), answer -> !answer.empty());

            assertThat(reply.wasEncrypted())
                    .as("encrypted exactly when the callback was")
                    .isEqualTo(mode.encrypted());
            AddressedReply addressed = ReplyParser.parseAddressed(reply.innerXml());
            assertThat(addressed.toUserName()).isEqualTo(openId);
            assertThat(addressed.fromUserName()).isEqualTo(account.originalId());
            assertThat(addressed.reply()).isEqualTo(new TextReply("We are open 9 to 5"));
            inbound.awaitMatching(r -> (account.appId() + "|" + openId).equals(r.key()), 1, RULES_WAIT);
        }
        assertThat(open(account, answer(account, text(account, openId, "something else")))
                        .empty())
                .as("no rule matches: success")
                .isTrue();
    }

    @Test
    void aCallbackOpenedWithThePreviousKeyIsAnsweredWithThePreviousKey() {
        TestAccount before = registration.inTokenService(TestAccount.random(EncryptionMode.SAFE));
        TestAccount after = registration.rotateKey(before, TestAccount.randomKey());
        String openId = TestAccount.openId();
        rules.publish(
                after,
                1,
                RulesTopic.rule(after, "r1", new Trigger.KeywordContains("price"), new Reply.Text("Ten yuan")));

        String sealedWithOld = awaitBody(
                before,
                () -> text(before, openId, "what price?"),
                body -> !open(before, body).empty());

        assertThat(ReplyParser.parse(open(before, sealedWithOld).innerXml())).isEqualTo(new TextReply("Ten yuan"));
        assertThatThrownBy(() -> open(after, sealedWithOld)).isInstanceOf(CallbackRejectedException.class);
        String sealedWithNew = answer(after, text(after, openId, "price now"));
        assertThat(ReplyParser.parse(open(after, sealedWithNew).innerXml())).isEqualTo(new TextReply("Ten yuan"));
    }

    @Test
    void aNewFollowerIsWelcomedAndAMenuClickAnsweredWithImageAndNews() {
        TestAccount account = registration.inTokenService(TestAccount.random(EncryptionMode.SAFE));
        String openId = TestAccount.openId();
        rules.publish(
                account,
                3,
                RulesTopic.rule(account, "welcome", new Trigger.Subscribe(), new Reply.Text("Welcome!")),
                RulesTopic.rule(account, "menu-logo", new Trigger.MenuClick("LOGO"), new Reply.Image("media-42")),
                RulesTopic.rule(
                        account,
                        "menu-news",
                        new Trigger.MenuClick("NEWS"),
                        new Reply.News(List.of(
                                new Reply.Article("First", "one", "https://example.com/1.png", "https://example.com/1"),
                                new Reply.Article("Second", null, null, "https://example.com/2")))));

        OpenedReply welcome =
                awaitReply(account, () -> event(account, openId, "subscribe", null), answer -> !answer.empty());
        assertThat(ReplyParser.parse(welcome.innerXml())).isEqualTo(new TextReply("Welcome!"));

        OpenedReply image = open(account, answer(account, event(account, openId, "CLICK", "LOGO")));
        assertThat(ReplyParser.parse(image.innerXml())).isEqualTo(new ImageReply("media-42"));

        OpenedReply news = open(account, answer(account, event(account, openId, "CLICK", "NEWS")));
        assertThat(ReplyParser.parse(news.innerXml()))
                .isEqualTo(new NewsReply(List.of(
                        new Article("First", "one", "https://example.com/1.png", "https://example.com/1"),
                        new Article("Second", null, null, "https://example.com/2"))));

        assertThat(open(account, answer(account, event(account, openId, "CLICK", "OTHER")))
                        .empty())
                .isTrue();
    }

    @Test
    void aNewerVersionReplacesTheRulesAnOlderOneIsIgnoredAndATombstoneClearsThem() {
        TestAccount account = registration.inTokenService(TestAccount.random(EncryptionMode.COMPATIBLE));
        TestAccount marker = registration.inTokenService(TestAccount.random(EncryptionMode.PLAIN));
        String openId = TestAccount.openId();
        RecordMetadata placed = rules.publish(account, 4, keyword(account, "v4"));
        awaitReplyText(account, openId, "v4");
        rules.publish(account, 5, keyword(account, "v5"));
        awaitReplyText(account, openId, "v5");

        // An older set read later changes nothing; the marker behind it, in the same partition, proves it was read.
        rules.publishTo(placed.partition(), account, 3, keyword(account, "v3"));
        rules.publishTo(placed.partition(), marker, 1, keyword(marker, "marker 1"));
        awaitReplyText(marker, openId, "marker 1");
        assertThat(replyText(account, openId)).isEqualTo("v5");

        // A tombstone clears them; an older set after it cannot bring them back.
        rules.publish(account, 6);
        awaitBody(
                account,
                () -> text(account, openId, "ping"),
                body -> open(account, body).empty());
        rules.publishTo(placed.partition(), account, 5, keyword(account, "v5 again"));
        rules.publishTo(placed.partition(), marker, 2, keyword(marker, "marker 2"));
        awaitReplyText(marker, openId, "marker 2");
        assertThat(open(account, answer(account, text(account, openId, "ping"))).empty())
                .isTrue();
    }

    @Test
    void aNewInstanceAnswersWithTheRulesAsSoonAsItIsHealthyWithoutAnyRepublishing() {
        TestAccount account = registration.inTokenService(TestAccount.random(EncryptionMode.SAFE));
        String openId = TestAccount.openId();
        rules.publish(account, 1, keyword(account, "kept"));
        awaitReplyText(account, openId, "kept");

        RealPlatform platform = RealPlatform.get();
        try (ServiceProcess restarted = ServiceProcess.start(Spec.of(
                "callback-service",
                Map.of(
                        "spring.kafka.bootstrap-servers", platform.kafkaBootstrapServers(),
                        "wxplatform.token-service.url", platform.tokenServiceUrl(),
                        "wxplatform.internal.auth-token", RealPlatform.INTERNAL_TOKEN,
                        "wxplatform.mongodb.uri", platform.mongoUri(),
                        "wxplatform.mongodb.database", "wx_callback_it")))) {
            // The first answer it gives (a cold settings lookup may still be refused 503) already has the reply.
            WebTestClient restartedClient = client(restarted.port());
            String body = Awaitility.await()
                    .atMost(RULES_WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> answerOrNull(restartedClient, account, text(account, openId, "ping")),
                            answer -> answer != null);

            assertThat(ReplyParser.parse(open(account, body).innerXml())).isEqualTo(new TextReply("kept"));
        }
    }

    @Test
    void aVoiceMessagesRecognitionTextIsAnsweredByTheKeywordRulesThatOptedIn() {
        TestAccount account = registration.inTokenService(TestAccount.random(EncryptionMode.SAFE));
        String openId = TestAccount.openId();
        rules.publish(
                account,
                1,
                RulesTopic.rule(account, "spoken", new Trigger.KeywordExact("营业时间", true), new Reply.Text("九点到五点")),
                RulesTopic.rule(account, "typed-only", new Trigger.KeywordContains("地址"), new Reply.Text("人民路1号")));

        // WeChat's recognition ends the sentence with a full stop; the exact keyword still matches it.
        OpenedReply reply = awaitReply(account, () -> voice(account, openId, "营业时间。"), answer -> !answer.empty());

        assertThat(ReplyParser.parse(reply.innerXml())).isEqualTo(new TextReply("九点到五点"));
        assertThat(open(account, answer(account, voice(account, openId, "你们的地址在哪")))
                        .empty())
                .as("a rule that did not opt in never reads recognition text")
                .isTrue();
        assertThat(open(account, answer(account, voice(account, openId, null))).empty())
                .as("no recognition (the account has it off): nothing to match")
                .isTrue();
        assertThat(ReplyParser.parse(open(account, answer(account, text(account, openId, "你们的地址在哪")))
                        .innerXml()))
                .isEqualTo(new TextReply("人民路1号"));
    }

    @Test
    void aRuleAnsweredByCustomerServiceMessageGetsNoPassiveReplyButItsEventIsStored() {
        TestAccount account = registration.inTokenService(TestAccount.random(EncryptionMode.SAFE));
        String openId = TestAccount.openId();
        rules.publish(
                account,
                1,
                new ReplyRule(
                        "later",
                        account.tenantId(),
                        account.appId(),
                        0,
                        true,
                        new Trigger.KeywordExact("hours"),
                        new Reply.Text("We are open 9 to 5"),
                        Delivery.CUSTOMER_SERVICE,
                        Instant.now()),
                RulesTopic.rule(account, "fallback", new Trigger.Default(), new Reply.Text("Anything else?")));
        // The passive fallback answering proves the set was read before the customer-service rule is tried.
        awaitReply(account, () -> text(account, openId, "ping"), answer -> !answer.empty());

        try (KafkaProbe inbound = KafkaProbe.on(Topics.INBOUND)) {
            OpenedReply reply = open(account, answer(account, text(account, openId, "hours")));

            assertThat(reply.empty())
                    .as("success: messaging-service sends the reply as a customer-service message")
                    .isTrue();
            inbound.awaitMatching(
                    r -> (account.appId() + "|" + openId).equals(r.key())
                            && new String(r.value(), StandardCharsets.UTF_8).contains("\"hours\""),
                    1,
                    RULES_WAIT);
        }
    }

    private static ReplyRule keyword(TestAccount account, String answer) {
        return RulesTopic.rule(account, "ping", new Trigger.KeywordExact("ping"), new Reply.Text(answer));
    }

    private void awaitReplyText(TestAccount account, String openId, String expected) {
        awaitBody(account, () -> text(account, openId, "ping"), body -> expected.equals(textOf(account, body)));
    }

    private String replyText(TestAccount account, String openId) {
        return textOf(account, answer(account, text(account, openId, "ping")));
    }

    private static String textOf(TestAccount account, String body) {
        OpenedReply reply = open(account, body);
        return reply.empty() ? null : ((TextReply) ReplyParser.parse(reply.innerXml())).content();
    }

    /** Sends fresh callbacks (rules arrive asynchronously) until an answer satisfies {@code until}. */
    private OpenedReply awaitReply(
            TestAccount account, Supplier<SignedCallback> callbacks, Predicate<OpenedReply> until) {
        return open(account, awaitBody(account, callbacks, body -> until.test(open(account, body))));
    }

    private String awaitBody(TestAccount account, Supplier<SignedCallback> callbacks, Predicate<String> until) {
        return Awaitility.await()
                .atMost(RULES_WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> answer(account, callbacks.get()), until);
    }

    private String answer(TestAccount account, SignedCallback callback) {
        return post(callbackService, account, callback);
    }

    private static String post(WebTestClient client, TestAccount account, SignedCallback callback) {
        return Callbacks.post(client, account, callback)
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /** The body of a 200 answer, null for any other status. */
    private static String answerOrNull(WebTestClient client, TestAccount account, SignedCallback callback) {
        var result = Callbacks.post(client, account, callback)
                .expectBody(String.class)
                .returnResult();
        return result.getStatus().value() == 200 ? result.getResponseBody() : null;
    }

    /** Opened as WeChat opens it: a safe-mode callback must get an encrypted reply, checked and decrypted. */
    private static OpenedReply open(TestAccount account, String body) {
        return ReplyOpener.open(
                body, account.mode(), account.callbackToken(), new MessageCrypto(account.key(), account.appId()));
    }

    private static SignedCallback text(TestAccount account, String openId, String content) {
        Instant now = Instant.now();
        return Callbacks.sign(
                account,
                account.appId(),
                Callbacks.textXml(account, openId, MSG_IDS.incrementAndGet(), now, content),
                openId,
                now);
    }

    private static SignedCallback voice(TestAccount account, String openId, String recognition) {
        Instant now = Instant.now();
        return Callbacks.sign(
                account,
                account.appId(),
                Callbacks.voiceXml(account, openId, MSG_IDS.incrementAndGet(), now, recognition),
                openId,
                now);
    }

    private static SignedCallback event(TestAccount account, String openId, String event, String eventKey) {
        Instant createTime = Instant.ofEpochSecond(EVENT_SECONDS.incrementAndGet());
        return Callbacks.sign(
                account,
                account.appId(),
                Callbacks.eventXml(account, openId, createTime, event, eventKey),
                openId,
                Instant.now());
    }

    private static WebTestClient client(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }
}
