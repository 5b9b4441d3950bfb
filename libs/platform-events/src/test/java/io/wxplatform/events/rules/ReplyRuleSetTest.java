package io.wxplatform.events.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.reply.ImageReply;
import io.wxplatform.wechat.protocol.reply.NewsReply;
import io.wxplatform.wechat.protocol.reply.TextReply;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyRuleSetTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void exactKeywordsMatchTheWholeStrippedTextOnly() {
        ReplyRuleSet set = set(rule("r1", 1, new Trigger.KeywordExact("price")));

        assertThat(matchedId(set, text(" price\n"))).contains("r1");
        assertThat(matchedId(set, text("price list"))).isEmpty();
    }

    @Test
    void containsKeywordsMatchAnywhereInTheText() {
        ReplyRuleSet set = set(rule("r1", 1, new Trigger.KeywordContains("营业时间")));

        assertThat(matchedId(set, text("请问营业时间是几点?"))).contains("r1");
        assertThat(matchedId(set, text("地址在哪"))).isEmpty();
    }

    @Test
    void regexKeywordsAreFoundInTheText() {
        ReplyRuleSet set = set(rule("r1", 1, new Trigger.KeywordRegex("order\\s*#?\\d{4,}")));

        assertThat(matchedId(set, text("where is order #12345?"))).contains("r1");
        assertThat(matchedId(set, text("order 12"))).isEmpty();
    }

    @Test
    void regexMatchingLooksOnlyAtTheFirst2048Characters() {
        ReplyRuleSet set = set(rule("r1", 1, new Trigger.KeywordRegex("needle")));

        assertThat(matchedId(set, text("x".repeat(2048) + "needle"))).isEmpty();
        assertThat(matchedId(set, text("x".repeat(2042) + "needle"))).contains("r1");
    }

    @Test
    void aCatastrophicPatternGivesUpWithinItsBudgetAndLaterRulesStillMatch() {
        ReplyRuleSet set = set(
                rule("evil", 1, new Trigger.KeywordRegex("(a|a)*b")),
                rule("fallback", 2, new Trigger.KeywordContains("a")));
        long started = System.nanoTime();

        assertThat(matchedId(set, text("a".repeat(2048)))).contains("fallback");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void patternsThatDoNotCompileAreRefused() {
        assertThatThrownBy(() -> new Trigger.KeywordRegex("([a-z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not compile");
        assertThatThrownBy(() -> new Trigger.KeywordRegex("x".repeat(Trigger.MAX_PATTERN + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blankKeywordsAreRefused() {
        assertThatThrownBy(() -> new Trigger.KeywordExact(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Trigger.KeywordContains("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Trigger.MenuClick("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subscribeRulesAnswerEveryNewFollowerIncludingQrScans() {
        ReplyRuleSet set = set(rule("welcome", 1, new Trigger.Subscribe()));

        assertThat(matchedId(set, event("subscribe", null))).contains("welcome");
        assertThat(matchedId(set, event("subscribe", "qrscene_42"))).contains("welcome");
        assertThat(matchedId(set, event("unsubscribe", null))).isEmpty();
    }

    @Test
    void menuClickRulesMatchTheirButtonKeyOnly() {
        ReplyRuleSet set = set(rule("menu", 1, new Trigger.MenuClick("V1001_TODAY")));

        assertThat(matchedId(set, event("CLICK", "V1001_TODAY"))).contains("menu");
        assertThat(matchedId(set, event("CLICK", "V1002_OTHER"))).isEmpty();
    }

    @Test
    void theFirstEnabledRuleInOrderWins() {
        ReplyRuleSet set = set(
                rule("late", 20, new Trigger.KeywordContains("hi")),
                rule("early", 10, new Trigger.KeywordContains("hi")),
                rule("off", 1, new Trigger.KeywordContains("hi")).withEnabled(false, AT));

        assertThat(set.rules()).extracting(ReplyRule::id).containsExactly("off", "early", "late");
        assertThat(matchedId(set, text("hi there"))).contains("early");
    }

    @Test
    void theDefaultRuleAnswersOnlyTextsNothingElseMatched() {
        ReplyRuleSet set = set(
                rule("fallback", 1, new Trigger.Default()), rule("hours", 50, new Trigger.KeywordContains("hours")));

        assertThat(matchedId(set, text("opening hours?"))).contains("hours");
        assertThat(matchedId(set, text("anything else"))).contains("fallback");
        assertThat(matchedId(set, event("CLICK", "K"))).isEmpty();
        assertThat(matchedId(set, event("subscribe", null))).isEmpty();
    }

    @Test
    void aDisabledDefaultRuleAnswersNothing() {
        ReplyRuleSet set = set(rule("fallback", 1, new Trigger.Default()).withEnabled(false, AT));

        assertThat(matchedId(set, text("hello"))).isEmpty();
    }

    @Test
    void repliesMapToWeChatPassiveReplies() {
        assertThat(new Reply.Text("hi").toPassiveReply()).isEqualTo(new TextReply("hi"));
        assertThat(new Reply.Image("media-1").toPassiveReply()).isEqualTo(new ImageReply("media-1"));
        assertThat(new Reply.News(List.of(new Reply.Article("T", "D", "http://p", "http://u"))).toPassiveReply())
                .isEqualTo(new NewsReply(
                        List.of(new io.wxplatform.wechat.protocol.reply.Article("T", "D", "http://p", "http://u"))));
    }

    @Test
    void newsHoldsOneToEightArticles() {
        Reply.Article article = new Reply.Article("T", null, null, null);

        assertThat(new Reply.News(Collections.nCopies(8, article)).articles()).hasSize(8);
        assertThatThrownBy(() -> new Reply.News(Collections.nCopies(9, article)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reply.News(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keywordRulesMatchAVoiceMessagesRecognitionTextOnlyWhenTheyOptIn() {
        ReplyRuleSet optedOut = set(rule("text-only", 1, new Trigger.KeywordExact("营业时间")));
        ReplyRuleSet optedIn = set(
                rule("exact", 1, new Trigger.KeywordExact("营业时间", true)),
                rule("contains", 2, new Trigger.KeywordContains("地址", true)),
                rule("regex", 3, new Trigger.KeywordRegex("order\\s*\\d+", true)));

        assertThat(matchedId(optedOut, voice("营业时间。"))).isEmpty();
        // WeChat ends a recognised sentence with a full stop; an exact keyword still matches it.
        assertThat(matchedId(optedIn, voice("营业时间。"))).contains("exact");
        assertThat(matchedId(optedIn, voice("你们的地址在哪里？"))).contains("contains");
        assertThat(matchedId(optedIn, voice("where is order 12345"))).contains("regex");
        assertThat(matchedId(optedIn, voice("营业时间是几点"))).isEmpty();
        assertThat(matchedId(optedIn, voice(null)))
                .as("recognition not turned on")
                .isEmpty();
        assertThat(matchedId(optedIn, text("营业时间"))).contains("exact");
    }

    @Test
    void aDefaultRuleNeverAnswersAVoiceMessage() {
        ReplyRuleSet set = set(rule("fallback", 1, new Trigger.Default()));

        assertThat(matchedId(set, voice("hello"))).isEmpty();
    }

    @Test
    void theDeliveryDefaultsToPassiveAndTravelsWithTheMatch() {
        ReplyRule passive = rule("passive", 1, new Trigger.KeywordExact("a"));
        ReplyRule customerService = new ReplyRule(
                "cs",
                "acme",
                "wx1",
                0,
                true,
                new Trigger.KeywordExact("b"),
                new Reply.Text("later"),
                Delivery.CUSTOMER_SERVICE,
                AT);

        assertThat(passive.delivery()).isEqualTo(Delivery.PASSIVE);
        assertThat(set(passive, customerService).match(text("b")).map(ReplyRule::delivery))
                .contains(Delivery.CUSTOMER_SERVICE);
        assertThat(customerService.withEnabled(false, AT).delivery()).isEqualTo(Delivery.CUSTOMER_SERVICE);
    }

    static ReplyRule rule(String id, int order, Trigger trigger) {
        return new ReplyRule(id, "acme", "wx1", order, true, trigger, new Reply.Text("answer " + id), AT);
    }

    private static ReplyRuleSet set(ReplyRule... rules) {
        return new ReplyRuleSet("wx1", List.of(rules), 1);
    }

    private static Optional<String> matchedId(ReplyRuleSet set, InboundMessage message) {
        return set.match(message).map(ReplyRule::id);
    }

    private static InboundMessage text(String content) {
        Map<String, String> fields = header("text");
        fields.put("Content", content);
        fields.put("MsgId", "1234567890");
        return InboundMessages.fromFields(fields);
    }

    private static InboundMessage voice(String recognition) {
        Map<String, String> fields = header("voice");
        fields.put("MediaId", "media-1");
        fields.put("Format", "amr");
        if (recognition != null) {
            fields.put("Recognition", recognition);
        }
        fields.put("MsgId", "1234567891");
        return InboundMessages.fromFields(fields);
    }

    private static InboundMessage event(String event, String eventKey) {
        Map<String, String> fields = header("event");
        fields.put("Event", event);
        if (eventKey != null) {
            fields.put("EventKey", eventKey);
        }
        return InboundMessages.fromFields(fields);
    }

    private static Map<String, String> header(String msgType) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ToUserName", "gh_1");
        fields.put("FromUserName", "o-alice");
        fields.put("CreateTime", "1700000000");
        fields.put("MsgType", msgType);
        return fields;
    }
}
