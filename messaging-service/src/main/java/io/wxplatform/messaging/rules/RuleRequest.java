package io.wxplatform.messaging.rules;

import io.wxplatform.events.rules.Delivery;
import io.wxplatform.events.rules.Reply;
import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.events.rules.Trigger;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.MediaKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A rule as the admin API receives it: the JSON of {@link ReplyRule} without id, tenant, account and time, read
 * loosely so every mistake can be reported with its field name.
 */
record RuleRequest(Integer order, Boolean enabled, TriggerRequest trigger, ReplyRequest reply, String delivery) {

    RuleRequest(Integer order, Boolean enabled, TriggerRequest trigger, ReplyRequest reply) {
        this(order, enabled, trigger, reply, null);
    }

    record TriggerRequest(String type, String keyword, String pattern, String eventKey, Boolean matchVoiceRecognition) {

        TriggerRequest(String type, String keyword, String pattern, String eventKey) {
            this(type, keyword, pattern, eventKey, null);
        }

        boolean voice() {
            return Boolean.TRUE.equals(matchVoiceRecognition);
        }
    }

    /** A media reply (IMAGE, VOICE, VIDEO) names a raw {@code mediaId} or a platform {@code assetId}, not both. */
    record ReplyRequest(
            String type,
            String content,
            String mediaId,
            String assetId,
            String title,
            String description,
            List<ArticleRequest> articles,
            String kfAccount) {

        ReplyRequest(String type, String content, String mediaId, List<ArticleRequest> articles) {
            this(type, content, mediaId, null, null, null, articles, null);
        }

        ReplyRequest(String type, String content, String mediaId, List<ArticleRequest> articles, String kfAccount) {
            this(type, content, mediaId, null, null, null, articles, kfAccount);
        }

        ReplyRequest(
                String type,
                String content,
                String mediaId,
                String assetId,
                String title,
                String description,
                List<ArticleRequest> articles) {
            this(type, content, mediaId, assetId, title, description, articles, null);
        }

        /** The kind of media the reply carries; null for text and news. */
        MediaKind mediaKind() {
            return type == null
                    ? null
                    : switch (type) {
                        case "IMAGE" -> MediaKind.IMAGE;
                        case "VOICE" -> MediaKind.VOICE;
                        case "VIDEO" -> MediaKind.VIDEO;
                        default -> null;
                    };
        }
    }

    /** The reply's asset, if it names one and only one of asset and media_id; else nothing to resolve. */
    String assetToResolve() {
        if (reply == null || reply.mediaKind() == null || reply.assetId() == null) {
            return null;
        }
        if (reply.mediaId() != null) {
            throw ApiException.validation(Map.of("reply.assetId", "name either mediaId or assetId, not both"));
        }
        return reply.assetId();
    }

    /** This request with the asset's current media_id filled in. */
    RuleRequest withAssetMediaId(String mediaId) {
        return new RuleRequest(
                order,
                enabled,
                trigger,
                new ReplyRequest(
                        reply.type(),
                        reply.content(),
                        mediaId,
                        reply.assetId(),
                        reply.title(),
                        reply.description(),
                        reply.articles(),
                        reply.kfAccount()),
                delivery);
    }

    record ArticleRequest(String title, String description, String picUrl, String url) {}

    /** @throws ApiException 400 {@code VALIDATION_FAILED} naming every offending field */
    ReplyRule toRule(String id, String tenantId, String appId, Instant at) {
        Map<String, String> errors = new LinkedHashMap<>();
        Trigger parsedTrigger = trigger(errors);
        Reply parsedReply = reply(errors);
        Delivery parsedDelivery = delivery(errors);
        if (parsedDelivery == Delivery.CUSTOMER_SERVICE && parsedReply != null) {
            customerServiceReply(parsedReply, errors);
        }
        if (parsedDelivery == Delivery.CUSTOMER_SERVICE && parsedReply instanceof Reply.TransferToAgents) {
            errors.put("delivery", "a transfer to agents is a passive reply: PASSIVE");
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ReplyRule(
                id,
                tenantId,
                appId,
                order == null ? 0 : order,
                enabled == null || enabled,
                parsedTrigger,
                parsedReply,
                parsedDelivery,
                at);
    }

    private Delivery delivery(Map<String, String> errors) {
        if (delivery == null) {
            return Delivery.PASSIVE;
        }
        return switch (delivery) {
            case "PASSIVE" -> Delivery.PASSIVE;
            case "CUSTOMER_SERVICE" -> Delivery.CUSTOMER_SERVICE;
            default -> rejected(errors, "delivery", "must be PASSIVE or CUSTOMER_SERVICE");
        };
    }

    /**
     * What a customer-service message can carry of a reply: text and image as they are, news as one link card with
     * its url (WeChat shows followers an error for more than one article in a customer-service news message).
     */
    private static void customerServiceReply(Reply parsed, Map<String, String> errors) {
        if (!(parsed instanceof Reply.News news)) {
            return;
        }
        if (news.articles().size() != 1) {
            errors.put("reply.articles", "a customer-service reply carries exactly 1 article (one link card)");
            return;
        }
        String url = news.articles().get(0).url();
        if (url == null || url.isBlank()) {
            errors.put("reply.articles[0].url", "is required for a customer-service link card");
        }
    }

    private Trigger trigger(Map<String, String> errors) {
        if (trigger == null || trigger.type() == null) {
            errors.put("trigger.type", "is required");
            return null;
        }
        Trigger parsed = switch (trigger.type()) {
            case "KEYWORD_EXACT" ->
                build(errors, "trigger.keyword", () -> new Trigger.KeywordExact(trigger.keyword(), trigger.voice()));
            case "KEYWORD_CONTAINS" ->
                build(errors, "trigger.keyword", () -> new Trigger.KeywordContains(trigger.keyword(), trigger.voice()));
            case "KEYWORD_REGEX" ->
                build(errors, "trigger.pattern", () -> new Trigger.KeywordRegex(trigger.pattern(), trigger.voice()));
            case "SUBSCRIBE" -> new Trigger.Subscribe();
            case "MENU_CLICK" -> build(errors, "trigger.eventKey", () -> new Trigger.MenuClick(trigger.eventKey()));
            case "DEFAULT" -> new Trigger.Default();
            default -> {
                errors.put(
                        "trigger.type",
                        "must be KEYWORD_EXACT, KEYWORD_CONTAINS, KEYWORD_REGEX, SUBSCRIBE, MENU_CLICK or DEFAULT");
                yield null;
            }
        };
        if (parsed != null && trigger.voice() && !parsed.readsText()) {
            return rejected(
                    errors, "trigger.matchVoiceRecognition", "only keyword triggers can match a voice message's text");
        }
        return parsed;
    }

    private Reply reply(Map<String, String> errors) {
        if (reply == null || reply.type() == null) {
            errors.put("reply.type", "is required");
            return null;
        }
        return switch (reply.type()) {
            case "TEXT" -> build(errors, "reply.content", () -> new Reply.Text(reply.content()));
            case "IMAGE" -> build(errors, "reply.mediaId", () -> new Reply.Image(reply.mediaId(), reply.assetId()));
            case "VOICE" -> build(errors, "reply.mediaId", () -> new Reply.Voice(reply.mediaId(), reply.assetId()));
            case "VIDEO" ->
                build(
                        errors,
                        "reply.mediaId",
                        () -> new Reply.Video(reply.mediaId(), reply.title(), reply.description(), reply.assetId()));
            case "NEWS" -> news(errors);
            case "TRANSFER_CUSTOMER_SERVICE" ->
                build(errors, "reply.kfAccount", () -> new Reply.TransferToAgents(reply.kfAccount()));
            default -> {
                errors.put("reply.type", "must be TEXT, IMAGE, VOICE, VIDEO, NEWS or TRANSFER_CUSTOMER_SERVICE");
                yield null;
            }
        };
    }

    private Reply news(Map<String, String> errors) {
        List<ArticleRequest> requested = reply.articles() == null ? List.of() : reply.articles();
        List<Reply.Article> articles = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            ArticleRequest a = requested.get(i);
            Reply.Article article = a == null
                    ? rejected(errors, "reply.articles[" + i + "]", "is required")
                    : build(
                            errors,
                            "reply.articles[" + i + "].title",
                            () -> new Reply.Article(a.title(), a.description(), a.picUrl(), a.url()));
            articles.add(article);
        }
        if (articles.isEmpty() || articles.size() > Reply.MAX_ARTICLES) {
            return rejected(errors, "reply.articles", "must hold 1 to " + Reply.MAX_ARTICLES + " articles");
        }
        return articles.contains(null) ? null : new Reply.News(articles);
    }

    private static <T> T build(Map<String, String> errors, String field, Supplier<T> factory) {
        try {
            return factory.get();
        } catch (NullPointerException e) {
            return rejected(errors, field, "is required");
        } catch (IllegalArgumentException e) {
            return rejected(errors, field, e.getMessage());
        }
    }

    private static <T> T rejected(Map<String, String> errors, String field, String message) {
        errors.put(field, message);
        return null;
    }
}
