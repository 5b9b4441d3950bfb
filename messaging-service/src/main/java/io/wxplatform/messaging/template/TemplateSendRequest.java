package io.wxplatform.messaging.template;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.TemplateMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST …/messages/template}: {@code {openId, templateId, url?, miniProgram?: {appId, pagePath}, data: {keyword:
 * {value}}}}. A {@code first} or {@code remark} keyword or a {@code color} is refused with 400 {@code WECHAT_LIMIT}
 * (WeChat dropped them on 2023-05-04; sending them would show followers something else than the tenant wrote).
 */
public record TemplateSendRequest(
        String openId, String templateId, String url, MiniProgram miniProgram, Map<String, Value> data) {

    public record MiniProgram(String appId, String pagePath) {}

    /** One keyword's value; {@code color} is only read to refuse it. */
    public record Value(String value, String color) {}

    /** WeChat's message, deduplicated by WeChat on {@code clientMsgId}; throws 400 problems for invalid requests. */
    TemplateMessage toWeChat(String clientMsgId) {
        Map<String, String> errors = new TreeMap<>();
        if (blank(openId)) {
            errors.put("openId", "is required");
        }
        if (blank(templateId)) {
            errors.put("templateId", "is required");
        }
        if (data == null || data.isEmpty()) {
            errors.put("data", "needs at least one keyword");
        } else {
            data.forEach((key, value) -> {
                if (value == null || value.value() == null) {
                    errors.put("data." + key + ".value", "is required");
                }
            });
        }
        if (miniProgram != null && (blank(miniProgram.appId()) || blank(miniProgram.pagePath()))) {
            errors.put("miniProgram", "needs appId and pagePath");
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        Map<String, String> values = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            if (value.color() != null) {
                throw TemplateMessage.colourDropped(key);
            }
            values.put(key, value.value());
        });
        return new TemplateMessage(
                openId,
                templateId,
                url,
                miniProgram == null
                        ? null
                        : new TemplateMessage.MiniProgram(miniProgram.appId(), miniProgram.pagePath()),
                clientMsgId,
                values);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
