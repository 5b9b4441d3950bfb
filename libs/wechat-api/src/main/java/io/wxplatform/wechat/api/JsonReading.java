package io.wxplatform.wechat.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Small readers shared by the domain APIs. */
final class JsonReading {

    private JsonReading() {}

    static OpenIdPage openIdPage(JsonNode node) {
        List<String> openIds = new ArrayList<>();
        node.path("data").path("openid").forEach(id -> openIds.add(id.asString()));
        return new OpenIdPage(
                node.path("total").asLong(-1), openIds, node.path("next_openid").asString(""));
    }

    static UserInfo userInfo(JsonNode node) {
        boolean subscribed = node.path("subscribe").asInt(0) == 1;
        List<Integer> tags = new ArrayList<>();
        node.path("tagid_list").forEach(id -> tags.add(id.asInt()));
        long time = node.path("subscribe_time").asLong(0);
        return new UserInfo(
                node.path("openid").asString(""),
                subscribed,
                subscribed && time > 0 ? Instant.ofEpochSecond(time) : null,
                text(node, "unionid"),
                text(node, "remark"),
                tags,
                text(node, "subscribe_scene"),
                node.path("qr_scene").asLong(0),
                node.path("qr_scene_str").asString(""));
    }

    static Tag tag(JsonNode node) {
        return new Tag(
                node.path("id").asInt(),
                node.path("name").asString(""),
                node.path("count").asLong(0));
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asString("");
        return value.isEmpty() ? null : value;
    }
}
