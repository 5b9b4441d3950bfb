package io.wxplatform.wechat.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subscription notification ({@code /cgi-bin/message/subscribe/bizsend}): {@code data} maps each keyword of the
 * template ({@code thing1}, {@code time2}, …) to its value; {@code page} (a web page) and {@code miniProgram} are
 * optional. WeChat sends it only to a follower who accepted the template (43101 otherwise).
 */
public record SubscriptionMessage(
        String touser, String templateId, String page, MiniProgram miniProgram, Map<String, String> data) {

    /** The mini program the notification opens. */
    public record MiniProgram(String appId, String pagePath) {}

    public SubscriptionMessage {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("touser", touser);
        json.put("template_id", templateId);
        if (page != null) {
            json.put("page", page);
        }
        if (miniProgram != null) {
            json.put("miniprogram", Map.of("appid", miniProgram.appId(), "pagepath", miniProgram.pagePath()));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        data.forEach((key, value) -> values.put(key, Map.of("value", value)));
        json.put("data", values);
        return json;
    }
}
