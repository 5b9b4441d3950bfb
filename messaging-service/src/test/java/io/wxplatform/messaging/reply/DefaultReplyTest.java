package io.wxplatform.messaging.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultReplyTest {

    @Test
    void theFollowersTextReplacesEveryContentPlaceholder() {
        DefaultReply reply = new DefaultReply("Received: {content} ({content})");

        assertThat(reply.to("你好")).contains("Received: 你好 (你好)");
    }

    @Test
    void aTemplateWithoutPlaceholderIsSentAsIs() {
        assertThat(new DefaultReply("Thanks, we will get back to you.").to("hi"))
                .contains("Thanks, we will get back to you.");
    }

    @Test
    void anEmptyTemplateTurnsAutoRepliesOff() {
        assertThat(new DefaultReply("").to("hi")).isEmpty();
        assertThat(new DefaultReply(null).to("hi")).isEmpty();
    }
}
