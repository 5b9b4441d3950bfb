package io.wxplatform.messaging.subscribe;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.SubscriptionMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST …/messages/subscription}: {@code {openId, templateId, page?, miniProgram?: {appId, pagePath}, data:
 * {keyword: {value}}}}, keywords as the template names them ({@code thing1}, {@code time2}, …).
 */
public record SubscriptionSendRequest(
        String openId, String templateId, String page, MiniProgram miniProgram, Map<String, Value> data) {

    public record MiniProgram(String appId, String pagePath) {}

    public record Value(String value) {}

    /** WeChat's notification; throws a 400 problem naming every invalid field. */
    SubscriptionMessage toWeChat() {
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
        data.forEach((key, value) -> values.put(key, value.value()));
        return new SubscriptionMessage(
                openId,
                templateId,
                page,
                miniProgram == null
                        ? null
                        : new SubscriptionMessage.MiniProgram(miniProgram.appId(), miniProgram.pagePath()),
                values);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
