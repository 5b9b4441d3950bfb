package io.wxplatform.callback.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.events.rules.Delivery;
import io.wxplatform.events.rules.Reply;
import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.events.rules.ReplyRuleSet;
import io.wxplatform.events.rules.Trigger;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.reply.PassiveReply;
import io.wxplatform.wechat.protocol.reply.TextReply;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyRulesTest {

    private static final String APP = "wx0000000000000001";

    private final ReplyRules rules = new ReplyRules();

    @Test
    void anAccountWithoutRulesHasNoReply() {
        assertThat(rules.replyTo(APP, text("hi"))).isEmpty();
    }

    @Test
    void theLatestVersionWinsWhateverOrderSetsArriveIn() {
        assertThat(rules.update(set(2, "two"))).isTrue();
        assertThat(rules.update(set(1, "one"))).isFalse();

        assertThat(reply()).contains(new TextReply("two"));
        assertThat(rules.update(set(3, "three"))).isTrue();
        assertThat(reply()).contains(new TextReply("three"));
    }

    @Test
    void aTombstoneClearsAndKeepsItsVersionSoAnOlderSetCannotComeBack() {
        rules.update(set(2, "two"));

        assertThat(rules.clear(APP, 3)).isTrue();
        assertThat(reply()).isEmpty();
        assertThat(rules.update(set(2, "two"))).isFalse();
        assertThat(reply()).isEmpty();
        assertThat(rules.clear(APP, 1)).isFalse();
        assertThat(rules.update(set(4, "four"))).isTrue();
        assertThat(reply()).contains(new TextReply("four"));
    }

    @Test
    void aTombstoneWithoutAReadableVersionStillClears() {
        rules.update(set(5, "five"));

        rules.clear(APP);

        assertThat(reply()).isEmpty();
        assertThat(rules.update(set(4, "four"))).isFalse();
        assertThat(rules.accounts()).isZero();
    }

    @Test
    void aFirstMatchAnsweredByCustomerServiceMessageIsNoPassiveReplyAndNoLaterRuleStandsIn() {
        ReplyRule customerService = new ReplyRule(
                "cs",
                "t",
                APP,
                0,
                true,
                new Trigger.KeywordExact("ping"),
                new Reply.Text("sent later"),
                Delivery.CUSTOMER_SERVICE,
                Instant.EPOCH);
        ReplyRule passive = new ReplyRule(
                "passive", "t", APP, 1, true, new Trigger.KeywordContains("p"), new Reply.Text("now"), Instant.EPOCH);
        rules.update(new ReplyRuleSet(APP, List.of(customerService, passive), 1));

        assertThat(reply()).isEmpty();
        assertThat(rules.replyTo(APP, text("pong"))).contains(new TextReply("now"));
    }

    private Optional<PassiveReply> reply() {
        return rules.replyTo(APP, text("ping"));
    }

    private static ReplyRuleSet set(long version, String answer) {
        ReplyRule rule = new ReplyRule(
                "r", "t", APP, 0, true, new Trigger.KeywordExact("ping"), new Reply.Text(answer), Instant.EPOCH);
        return new ReplyRuleSet(APP, List.of(rule), version);
    }

    private static InboundMessage text(String content) {
        return InboundMessages.fromFields(Map.of(
                "ToUserName",
                "gh_1",
                "FromUserName",
                "o1",
                "CreateTime",
                "1",
                "MsgType",
                "text",
                "Content",
                content,
                "MsgId",
                "1"));
    }
}
