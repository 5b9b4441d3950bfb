package io.wxplatform.wechat.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A template message ({@code /cgi-bin/message/template/send}). {@code data} maps each keyword of the template to its
 * value; {@code url}, {@code miniProgram} and {@code clientMsgId} are optional. Since 2023-05-04 WeChat ignores the
 * {@code first} and {@code remark} keywords and every colour: a message using them is refused here with
 * {@link WeChatLimitException} rather than sent looking other than its author meant. {@code clientMsgId} makes WeChat
 * send one message per follower and id within 10 minutes.
 */
public record TemplateMessage(
        String touser,
        String templateId,
        String url,
        MiniProgram miniProgram,
        String clientMsgId,
        Map<String, String> data) {

    /** Keywords WeChat stopped showing on 2023-05-04. */
    public static final Set<String> DROPPED_KEYWORDS = Set.of("first", "remark");

    /** The mini program the message opens instead of {@code url} (when WeChat can). */
    public record MiniProgram(String appId, String pagePath) {}

    public TemplateMessage {
        data = data == null ? Map.of() : Map.copyOf(data);
        for (String key : data.keySet()) {
            if (DROPPED_KEYWORDS.contains(key)) {
                throw droppedKeyword(key);
            }
        }
    }

    /** The refusal of a keyword WeChat no longer shows ({@code first}, {@code remark}). */
    public static WeChatLimitException droppedKeyword(String key) {
        return new WeChatLimitException(
                "template-keyword",
                "WeChat has not shown the '" + key + "' keyword of template messages since 2023-05-04: put its text"
                        + " in one of the template's own keywords");
    }

    /** The refusal of a colour: WeChat has shown every template message in its own colours since 2023-05-04. */
    public static WeChatLimitException colourDropped(String key) {
        return new WeChatLimitException(
                "template-colour",
                "WeChat has ignored colours in template messages since 2023-05-04 (keyword '" + key + "'):"
                        + " send the value without a color");
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("touser", touser);
        json.put("template_id", templateId);
        if (url != null) {
            json.put("url", url);
        }
        if (miniProgram != null) {
            json.put("miniprogram", Map.of("appid", miniProgram.appId(), "pagepath", miniProgram.pagePath()));
        }
        if (clientMsgId != null) {
            json.put("client_msg_id", clientMsgId);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        data.forEach((key, value) -> values.put(key, Map.of("value", value)));
        json.put("data", values);
        return json;
    }
}
