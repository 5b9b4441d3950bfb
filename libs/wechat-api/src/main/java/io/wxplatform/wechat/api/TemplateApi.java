package io.wxplatform.wechat.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Template messages: the account's templates ({@code /cgi-bin/template/…}), its industries, and sends ({@code
 * /cgi-bin/message/template/send}, whose delivery arrives later as a TEMPLATESENDJOBFINISH event). WeChat answers 40037
 * for a template id that is not the account's, 43004 for a follower who is not subscribed and 48001 for an account
 * that may not send template messages (only verified service accounts may).
 */
public final class TemplateApi {

    static final String SEND = "/cgi-bin/message/template/send";
    static final String LIST = "/cgi-bin/template/get_all_private_template";
    static final String ADD = "/cgi-bin/template/api_add_template";
    static final String DELETE = "/cgi-bin/template/del_private_template";
    static final String GET_INDUSTRY = "/cgi-bin/template/get_industry";
    static final String SET_INDUSTRY = "/cgi-bin/template/api_set_industry";

    private final WeChatRequests requests;

    TemplateApi(WeChatRequests requests) {
        this.requests = requests;
    }

    /** Sends the message; emits WeChat's msgid, which its TEMPLATESENDJOBFINISH event carries as {@code MsgID}. */
    public Mono<String> send(String appId, String accessToken, TemplateMessage message) {
        return post(appId, accessToken, SEND, message.toJson())
                .map(node -> node.path("msgid").asString());
    }

    /** Every template the account holds. */
    public Mono<List<MessageTemplate>> list(String appId, String accessToken) {
        return requests.get(appId, LIST, Map.of("access_token", accessToken)).map(node -> {
            List<MessageTemplate> templates = new ArrayList<>();
            node.path("template_list")
                    .forEach(t -> templates.add(new MessageTemplate(
                            t.path("template_id").asString(),
                            text(t, "title"),
                            text(t, "primary_industry"),
                            text(t, "deputy_industry"),
                            text(t, "content"),
                            text(t, "example"))));
            return templates;
        });
    }

    /**
     * Adds a template from WeChat's library by its short id with the keyword names chosen (WeChat's newer templates
     * need them); emits the account's template id.
     */
    public Mono<String> add(String appId, String accessToken, String shortId, List<String> keywordNames) {
        return post(
                        appId,
                        accessToken,
                        ADD,
                        Map.of(
                                "template_id_short",
                                shortId,
                                "keyword_name_list",
                                keywordNames == null ? List.of() : keywordNames))
                .map(node -> node.path("template_id").asString());
    }

    public Mono<Void> delete(String appId, String accessToken, String templateId) {
        return post(appId, accessToken, DELETE, Map.of("template_id", templateId))
                .then();
    }

    public Mono<TemplateIndustry> industry(String appId, String accessToken) {
        return requests.get(appId, GET_INDUSTRY, Map.of("access_token", accessToken))
                .map(node -> new TemplateIndustry(
                        industry(node.path("primary_industry")), industry(node.path("secondary_industry"))));
    }

    /** Sets the account's two industries by WeChat's industry ids (a limited number of changes a month). */
    public Mono<Void> setIndustry(String appId, String accessToken, int primaryId, int secondaryId) {
        return post(
                        appId,
                        accessToken,
                        SET_INDUSTRY,
                        Map.of("industry_id1", String.valueOf(primaryId), "industry_id2", String.valueOf(secondaryId)))
                .then();
    }

    private static TemplateIndustry.Industry industry(JsonNode node) {
        return node.isMissingNode() || node.isNull()
                ? null
                : new TemplateIndustry.Industry(text(node, "first_class"), text(node, "second_class"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private Mono<JsonNode> post(String appId, String accessToken, String path, Map<String, ?> body) {
        return Mono.defer(() -> requests.post(appId, path, Map.of("access_token", accessToken), body));
    }
}
