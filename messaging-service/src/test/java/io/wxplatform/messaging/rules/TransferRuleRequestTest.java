package io.wxplatform.messaging.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxplatform.events.rules.Reply;
import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.protocol.reply.TransferCustomerServiceReply;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rule reply that hands the conversation to customer-service agents. */
class TransferRuleRequestTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final RuleRequest.TriggerRequest HUMAN =
            new RuleRequest.TriggerRequest("KEYWORD_EXACT", "human", null, null);

    private static RuleRequest transfer(String kfAccount, String delivery) {
        return new RuleRequest(
                1,
                true,
                HUMAN,
                new RuleRequest.ReplyRequest("TRANSFER_CUSTOMER_SERVICE", null, null, null, kfAccount),
                delivery);
    }

    @Test
    void aTransferToAnyAgentIsAPassiveReply() {
        ReplyRule rule = transfer(null, null).toRule("r1", "acme", "wx1", AT);

        assertThat(rule.reply()).isEqualTo(new Reply.TransferToAgents(null));
        assertThat(rule.reply().toPassiveReply()).isEqualTo(new TransferCustomerServiceReply(null));
    }

    @Test
    void aTransferNamesItsAgentAsNameAtAccount() {
        ReplyRule rule = transfer("alice@shop", "PASSIVE").toRule("r1", "acme", "wx1", AT);

        assertThat(rule.reply().toPassiveReply()).isEqualTo(new TransferCustomerServiceReply("alice@shop"));
        ApiException error = catchThrowableOfType(
                ApiException.class, () -> transfer("alice", null).toRule("r1", "acme", "wx1", AT));
        assertThat(error.fieldErrors()).containsOnlyKeys("reply.kfAccount");
    }

    @Test
    void aTransferCannotBeSentAsACustomerServiceMessage() {
        ApiException error = catchThrowableOfType(
                ApiException.class, () -> transfer(null, "CUSTOMER_SERVICE").toRule("r1", "acme", "wx1", AT));

        assertThat(error.fieldErrors()).containsOnlyKeys("delivery");
    }
}
