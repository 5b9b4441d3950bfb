package io.wxplatform.wechat.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Subscription notifications (订阅通知): the account's templates ({@code /wxaapi/newtmpl/…}) and sends ({@code
 * /cgi-bin/message/subscribe/bizsend}). bizsend answers no message id (WeChat's documentation shows none); its
 * outcome arrives later as {@code subscribe_msg_sent_event}, naming follower and template. WeChat answers 43101 when
 * the follower has not accepted the template, 40003 for an unknown openid, 40037 for a template id that is not the
 * account's, 47003 for data that does not fit the template's keywords.
 */
public final class SubscriptionApi {

    static final String SEND = "/cgi-bin/message/subscribe/bizsend";
    static final String ADD = "/wxaapi/newtmpl/addtemplate";
    static final String LIST = "/wxaapi/newtmpl/gettemplate";
    static final String DELETE = "/wxaapi/newtmpl/deltemplate";
    static final String CATEGORIES = "/wxaapi/newtmpl/getcategory";
    static final String KEYWORDS = "/wxaapi/newtmpl/getpubtemplatekeywords";

    /** The follower has not accepted (or has since rejected) the template. */
    public static final int USER_REFUSED = 43101;

    private final WeChatRequests requests;

    SubscriptionApi(WeChatRequests requests) {
        this.requests = requests;
    }

    /** One of WeChat's categories the account chose ({@code getcategory}). */
    public record Category(int id, String name) {}

    /** A keyword of a library template ({@code getpubtemplatekeywords}): pick them by {@code kid} when adding. */
    public record Keyword(int kid, String name, String example, String rule) {}

    /** Emits WeChat's msgid when its answer carries one, else completes empty. */
    public Mono<String> send(String appId, String accessToken, SubscriptionMessage message) {
        return post(appId, accessToken, SEND, message.toJson()).flatMap(node -> {
            JsonNode msgId = node.path("msgid");
            return msgId.isMissingNode() || msgId.isNull() ? Mono.empty() : Mono.just(msgId.asString());
        });
    }

    /**
     * Adds library template {@code tid} with the keywords {@code kids} (in their order) and a description of the
     * scene it is used in; emits the account's template id ({@code priTmplId}).
     */
    public Mono<String> add(String appId, String accessToken, String tid, List<Integer> kids, String sceneDesc) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tid", tid);
        body.put("kidList", kids == null ? List.of() : kids);
        if (sceneDesc != null) {
            body.put("sceneDesc", sceneDesc);
        }
        return post(appId, accessToken, ADD, body)
                .map(node -> node.path("priTmplId").asString());
    }

    public Mono<List<SubscriptionTemplate>> list(String appId, String accessToken) {
        return get(appId, accessToken, LIST, Map.of()).map(node -> {
            List<SubscriptionTemplate> templates = new ArrayList<>();
            node.path("data")
                    .forEach(t -> templates.add(new SubscriptionTemplate(
                            t.path("priTmplId").asString(),
                            text(t, "title"),
                            text(t, "content"),
                            text(t, "example"),
                            t.path("type").asInt(2))));
            return templates;
        });
    }

    public Mono<Void> delete(String appId, String accessToken, String templateId) {
        return post(appId, accessToken, DELETE, Map.of("priTmplId", templateId)).then();
    }

    public Mono<List<Category>> categories(String appId, String accessToken) {
        return get(appId, accessToken, CATEGORIES, Map.of()).map(node -> {
            List<Category> categories = new ArrayList<>();
            node.path("data")
                    .forEach(c -> categories.add(new Category(c.path("id").asInt(), text(c, "name"))));
            return categories;
        });
    }

    public Mono<List<Keyword>> keywords(String appId, String accessToken, String tid) {
        return get(appId, accessToken, KEYWORDS, Map.of("tid", tid)).map(node -> {
            List<Keyword> keywords = new ArrayList<>();
            node.path("data")
                    .forEach(k -> keywords.add(
                            new Keyword(k.path("kid").asInt(), text(k, "name"), text(k, "example"), text(k, "rule"))));
            return keywords;
        });
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private Mono<JsonNode> get(String appId, String accessToken, String path, Map<String, String> query) {
        Map<String, String> all = new LinkedHashMap<>(query);
        all.put("access_token", accessToken);
        return Mono.defer(() -> requests.get(appId, path, all));
    }

    private Mono<JsonNode> post(String appId, String accessToken, String path, Map<String, ?> body) {
        return Mono.defer(() -> requests.post(appId, path, Map.of("access_token", accessToken), body));
    }
}
