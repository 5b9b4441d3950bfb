package io.wxplatform.events.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.events.CloudEventHeaders;
import io.wxplatform.events.EventJson;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.InvalidEventException;
import io.wxplatform.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReplyRuleJsonTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123Z");

    private static final ReplyRuleSet SET = new ReplyRuleSet(
            "wx1",
            List.of(
                    new ReplyRule(
                            "r1", "acme", "wx1", 1, true, new Trigger.KeywordExact("hi"), new Reply.Text("hello"), AT),
                    new ReplyRule(
                            "r2", "acme", "wx1", 2, false, new Trigger.KeywordContains("a"), new Reply.Image("m1"), AT),
                    new ReplyRule(
                            "r3",
                            "acme",
                            "wx1",
                            3,
                            true,
                            new Trigger.KeywordRegex("^\\d+$"),
                            new Reply.News(List.of(new Reply.Article("T", "D", "http://p", "http://u"))),
                            AT),
                    new ReplyRule("r4", "acme", "wx1", 4, true, new Trigger.Subscribe(), new Reply.Text("welcome"), AT),
                    new ReplyRule(
                            "r5", "acme", "wx1", 5, true, new Trigger.MenuClick("K1"), new Reply.Text("menu"), AT),
                    new ReplyRule("r6", "acme", "wx1", 6, true, new Trigger.Default(), new Reply.Text("?"), AT)),
            7);

    @Test
    void ruleSetsRoundTrip() {
        assertThat(EventJson.read(EventJson.write(SET), ReplyRuleSet.class)).isEqualTo(SET);
    }

    @Test
    void triggersAndRepliesAreTaggedByType() {
        JsonNode json = EventJson.mapper().readTree(EventJson.write(SET));

        assertThat(json.propertyNames()).containsExactly("appId", "rules", "version");
        JsonNode first = json.get("rules").get(0);
        assertThat(first.propertyNames())
                .containsExactly(
                        "id", "tenantId", "appId", "order", "enabled", "trigger", "reply", "delivery", "updatedAt");
        assertThat(first.get("delivery").asString()).isEqualTo("PASSIVE");
        assertThat(first.get("trigger").get("matchVoiceRecognition").asBoolean())
                .isFalse();
        assertThat(first.get("trigger").get("type").asString()).isEqualTo("KEYWORD_EXACT");
        assertThat(first.get("reply").get("type").asString()).isEqualTo("TEXT");
        assertThat(first.get("updatedAt").asString()).isEqualTo("2026-03-01T10:00:00.123Z");
        assertThat(json.get("rules").get(2).get("trigger").get("pattern").asString())
                .isEqualTo("^\\d+$");
        assertThat(json.get("rules").get(5).get("trigger").get("type").asString())
                .isEqualTo("DEFAULT");
    }

    @Test
    void aCustomerServiceRuleThatMatchesVoiceRoundTrips() {
        ReplyRule rule = new ReplyRule(
                "r7",
                "acme",
                "wx1",
                1,
                true,
                new Trigger.KeywordRegex("^hi", true),
                new Reply.Text("hello"),
                Delivery.CUSTOMER_SERVICE,
                AT);

        JsonNode json = EventJson.mapper().readTree(EventJson.write(rule));

        assertThat(json.get("delivery").asString()).isEqualTo("CUSTOMER_SERVICE");
        assertThat(json.get("trigger").get("matchVoiceRecognition").asBoolean()).isTrue();
        assertThat(EventJson.read(EventJson.write(rule), ReplyRule.class)).isEqualTo(rule);
    }

    @Test
    void mediaRepliesRoundTripWithTheAssetTheyFollow() {
        for (Reply reply : List.of(
                new Reply.Image("m1", "a_1"),
                new Reply.Voice("m2", "a_2"),
                new Reply.Video("m3", "T", null, "a_3"),
                new Reply.Image("m4"))) {
            ReplyRule rule = new ReplyRule("r8", "acme", "wx1", 1, true, new Trigger.Default(), reply, AT);

            assertThat(EventJson.read(EventJson.write(rule), ReplyRule.class)).isEqualTo(rule);
        }
        JsonNode image = EventJson.mapper().readTree(EventJson.write(new Reply.Image("m4")));
        assertThat(image.propertyNames()).containsExactly("type", "mediaId");
        assertThat(new Reply.Video("m3", "T", null, "a_3").withMediaId("m9").toPassiveReply())
                .isEqualTo(new io.wxplatform.wechat.protocol.reply.VideoReply("m9", "T", null));
    }

    @Test
    void aRuleSetWrittenBeforeDeliveryAndVoiceMatchingExistedReadsAsPassiveAndTextOnly() {
        String json = "{\"appId\":\"wx1\",\"version\":1,\"rules\":[{\"id\":\"r\",\"tenantId\":\"t\","
                + "\"appId\":\"wx1\",\"order\":1,\"enabled\":true,\"trigger\":{\"type\":\"KEYWORD_EXACT\","
                + "\"keyword\":\"hi\"},\"reply\":{\"type\":\"TEXT\",\"content\":\"x\"},"
                + "\"updatedAt\":\"2026-03-01T10:00:00Z\"}]}";

        ReplyRule rule = EventJson.read(json.getBytes(StandardCharsets.UTF_8), ReplyRuleSet.class)
                .rules()
                .get(0);

        assertThat(rule.delivery()).isEqualTo(Delivery.PASSIVE);
        assertThat(rule.trigger()).isEqualTo(new Trigger.KeywordExact("hi", false));
    }

    @Test
    void aRuleSetWithABadPatternIsUnreadable() {
        String json = "{\"appId\":\"wx1\",\"version\":1,\"rules\":[{\"id\":\"r\",\"tenantId\":\"t\",\"appId\":\"wx1\","
                + "\"order\":1,\"enabled\":true,\"trigger\":{\"type\":\"KEYWORD_REGEX\",\"pattern\":\"([\"},"
                + "\"reply\":{\"type\":\"TEXT\",\"content\":\"x\"},\"updatedAt\":\"2026-03-01T10:00:00Z\"}]}";

        assertThatThrownBy(() -> EventJson.read(json.getBytes(StandardCharsets.UTF_8), ReplyRuleSet.class))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void theRecordIsKeyedByAppIdWithCloudEventHeaders() {
        ProducerRecord<String, byte[]> record = EventRecords.replyRules("acme", SET, AT);

        assertThat(record.topic()).isEqualTo(Topics.REPLY_RULES).isEqualTo("wx.reply-rules.v1");
        assertThat(record.key()).isEqualTo("wx1");
        assertThat(EventJson.read(record.value(), ReplyRuleSet.class)).isEqualTo(SET);
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo("wx1:rules:7");
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("io.wxplatform.wx.reply-rules.updated");
        assertThat(header(record, CloudEventHeaders.TENANT_ID)).isEqualTo("acme");
    }

    @Test
    void anAccountWithoutRulesIsATombstone() {
        ProducerRecord<String, byte[]> record =
                EventRecords.replyRules("acme", new ReplyRuleSet("wx1", List.of(), 8), AT);

        assertThat(record.key()).isEqualTo("wx1");
        assertThat(record.value()).isNull();
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("io.wxplatform.wx.reply-rules.cleared");
        assertThat(EventRecords.replyRulesVersion(record.headers())).hasValue(8);
    }

    @Test
    void theVersionIsReadBackFromTheEventIdOnlyWhenItHasTheRuleSetForm() {
        assertThat(EventRecords.replyRulesVersion(
                        EventRecords.replyRules("acme", SET, AT).headers()))
                .hasValue(7);
        assertThat(EventRecords.replyRulesVersion(idHeader("wx:with:colons:rules:12")))
                .hasValue(12);
        assertThat(EventRecords.replyRulesVersion(idHeader("wx1:rules:seven"))).isEmpty();
        assertThat(EventRecords.replyRulesVersion(idHeader("wx1-7"))).isEmpty();
        assertThat(EventRecords.replyRulesVersion(new RecordHeaders())).isEmpty();
    }

    private static Headers idHeader(String id) {
        Headers headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
