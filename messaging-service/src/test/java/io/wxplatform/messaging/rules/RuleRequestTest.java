package io.wxplatform.messaging.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxplatform.events.rules.Delivery;
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
    void aMediaReplyNamesAnAssetOrAMediaIdNotBoth() {
        RuleRequest.TriggerRequest trigger = new RuleRequest.TriggerRequest("DEFAULT", null, null, null);
        RuleRequest byAsset = new RuleRequest(
                1, true, trigger, new RuleRequest.ReplyRequest("VIDEO", null, null, "a_1", "T", null, null));
        RuleRequest both = new RuleRequest(
                1, true, trigger, new RuleRequest.ReplyRequest("VOICE", null, "m", "a_1", null, null, null));

        assertThat(byAsset.assetToResolve()).isEqualTo("a_1");
        assertThat(byAsset.withAssetMediaId("m9")
                        .toRule("r1", "acme", "wx1", AT)
                        .reply())
                .isEqualTo(new Reply.Video("m9", "T", null, "a_1"));
        assertThat(catchThrowableOfType(ApiException.class, both::assetToResolve)
                        .fieldErrors())
                .containsOnlyKeys("reply.assetId");
        assertThat(catchThrowableOfType(ApiException.class, () -> byAsset.toRule("r1", "acme", "wx1", AT))
                        .fieldErrors())
                .containsOnlyKeys("reply.mediaId");
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

    @Test
    void aCustomerServiceRuleThatMatchesVoiceIsRead() {
        ReplyRule rule = new RuleRequest(
                        2,
                        true,
                        new RuleRequest.TriggerRequest("KEYWORD_CONTAINS", "hours", null, null, true),
                        TEXT,
                        "CUSTOMER_SERVICE")
                .toRule("r1", "acme", "wx1", AT);

        assertThat(rule.delivery()).isEqualTo(Delivery.CUSTOMER_SERVICE);
        assertThat(rule.trigger()).isEqualTo(new Trigger.KeywordContains("hours", true));
    }

    @Test
    void anUnknownDeliveryIsNamed() {
        ApiException error = catchThrowableOfType(
                ApiException.class,
                () -> new RuleRequest(
                                1, true, new RuleRequest.TriggerRequest("SUBSCRIBE", null, null, null), TEXT, "SMS")
                        .toRule("r1", "acme", "wx1", AT));

        assertThat(error.fieldErrors()).containsOnlyKeys("delivery");
    }

    @Test
    void onlyKeywordTriggersMayMatchVoiceRecognition() {
        ApiException error = catchThrowableOfType(
                ApiException.class,
                () -> new RuleRequest(
                                1, true, new RuleRequest.TriggerRequest("MENU_CLICK", null, null, "K1", true), TEXT)
                        .toRule("r1", "acme", "wx1", AT));

        assertThat(error.fieldErrors()).containsOnlyKeys("trigger.matchVoiceRecognition");
    }

    @Test
    void aCustomerServiceReplyCarriesOneLinkCardWithItsUrl() {
        RuleRequest.TriggerRequest hours = new RuleRequest.TriggerRequest("KEYWORD_EXACT", "hours", null, null);
        RuleRequest.ArticleRequest noUrl = new RuleRequest.ArticleRequest("Open", null, null, null);
        RuleRequest.ArticleRequest card = new RuleRequest.ArticleRequest("Open", null, null, "https://example.com");

        ApiException twoCards = catchThrowableOfType(
                ApiException.class,
                () -> new RuleRequest(
                                1,
                                true,
                                hours,
                                new RuleRequest.ReplyRequest("NEWS", null, null, List.of(card, card)),
                                "CUSTOMER_SERVICE")
                        .toRule("r1", "acme", "wx1", AT));
        ApiException withoutUrl = catchThrowableOfType(
                ApiException.class,
                () -> new RuleRequest(
                                1,
                                true,
                                hours,
                                new RuleRequest.ReplyRequest("NEWS", null, null, List.of(noUrl)),
                                "CUSTOMER_SERVICE")
                        .toRule("r1", "acme", "wx1", AT));

        assertThat(twoCards.fieldErrors()).containsOnlyKeys("reply.articles");
        assertThat(withoutUrl.fieldErrors()).containsOnlyKeys("reply.articles[0].url");
        assertThat(new RuleRequest(
                                1,
                                true,
                                hours,
                                new RuleRequest.ReplyRequest("NEWS", null, null, List.of(noUrl, noUrl)),
                                "PASSIVE")
                        .toRule("r1", "acme", "wx1", AT)
                        .delivery())
                .as("a passive reply may hold several articles without urls")
                .isEqualTo(Delivery.PASSIVE);
    }
}
