package io.wxplatform.wechat.protocol.callback;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** A callback exactly as WeChat sends it: query parameters (in WeChat's order) and body. */
public record SignedCallback(Map<String, String> query, String body) {

    /** The URL-encoded query string, without the leading {@code ?}. */
    public String queryString() {
        return query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
