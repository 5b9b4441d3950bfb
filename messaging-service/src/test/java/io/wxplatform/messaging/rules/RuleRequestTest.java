package io.wxplatform.messaging.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxplatform.events.rules.Reply;
import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.events.rules.Trigger;
import io.wxplatform.support.web.ApiException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleRequestTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final RuleRequest.ReplyRequest TEXT = new RuleRequest.ReplyRequest("TEXT", "hi", null, null);

    @Test
    void aRuleWithoutOrderOrEnabledComesFirstAndEnabled() {
        ReplyRule rule = new RuleRequest(
                        null, null, new RuleRequest.TriggerRequest("SUBSCRIBE", null, null, null), TEXT)
                .toRule("r1", "acme", "wx1", AT);

        assertThat(rule)
                .isEqualTo(
                        new ReplyRule("r1", "acme", "wx1", 0, true, new Trigger.Subscribe(), new Reply.Text("hi"), AT));
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        RuleRequest request = new RuleRequest(
                1,
                true,
                new RuleRequest.TriggerRequest("KEYWORD_REGEX", null, "(", null),
                new RuleRequest.ReplyRequest(
                        "NEWS",
                        null,
                        null,
                        List.of(
                                new RuleRequest.ArticleRequest("ok", null, null, null),
                                new RuleRequest.ArticleRequest(" ", null, null, null))));

        ApiException error = catchThrowableOfType(ApiException.class, () -> request.toRule("r1", "acme", "wx1", AT));

        assertThat(error.fieldErrors()).containsOnlyKeys("trigger.pattern", "reply.articles[1].title");
    }

    @Test
    void newsOfNineArticlesIsRefused() {
        RuleRequest request = new RuleRequest(
                1,
                true,
                new RuleRequest.TriggerRequest("DEFAULT", null, null, null),
                new RuleRequest.ReplyRequest(
                        "NEWS",
                        null,
                        null,
                        Collections.nCopies(9, new RuleRequest.ArticleRequest("t", null, null, null))));

        ApiException error = catchThrowableOfType(ApiException.class, () -> request.toRule("r1", "acme", "wx1", AT));

        assertThat(error.fieldErrors()).containsOnlyKeys("reply.articles");
    }

    @Test
    void missingTriggerAndReplyAreNamed() {
        ApiException error = catchThrowableOfType(
                ApiException.class, () -> new RuleRequest(1, true, null, null).toRule("r1", "acme", "wx1", AT));

        assertThat(error.fieldErrors()).containsOnlyKeys("trigger.type", "reply.type");
    }
}
