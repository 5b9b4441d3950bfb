package io.wxplatform.sandbox.web;

import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads a /cgi-bin JSON body the way WeChat does: whatever the content type, 47001 if it is not a JSON object. */
@Component
public class WeChatJson {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final JsonMapper json;

    WeChatJson(JsonMapper json) {
        this.json = json;
    }

    public Map<String, Object> object(String body) {
        if (body == null || body.isBlank()) {
            throw WeChatError.DATA_FORMAT.toException();
        }
        try {
            Map<String, Object> map = json.readValue(body, OBJECT);
            if (map == null) {
                throw WeChatError.DATA_FORMAT.toException();
            }
            return map;
        } catch (JacksonException e) {
            throw WeChatError.DATA_FORMAT.toException();
        }
    }

    public static String text(Map<String, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
