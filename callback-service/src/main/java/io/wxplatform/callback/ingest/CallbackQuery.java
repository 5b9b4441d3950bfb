package io.wxplatform.callback.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * A callback's query parameters, the first value of each name, decoded as WebFlux decodes them. WeChat's are plain
 * letters and digits, so a value is only decoded when it holds an escape: WebFlux's own parsing (a regular
 * expression and a decoder per parameter) cost callbacks about 2 % of their CPU (docs/benchmarks.md).
 */
final class CallbackQuery {

    private CallbackQuery() {}

    /** Name to first value; a name without {@code =} maps to {@code null}, as in WebFlux's single-value map. */
    static Map<String, String> of(ServerHttpRequest request) {
        return parse(request.getURI().getRawQuery());
    }

    static Map<String, String> parse(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) {
                int equals = rawQuery.indexOf('=', start);
                boolean hasValue = equals >= 0 && equals < end;
                String name = decode(rawQuery.substring(start, hasValue ? equals : end));
                String value = hasValue ? decode(rawQuery.substring(equals + 1, end)) : null;
                if (!name.isEmpty()) {
                    query.putIfAbsent(name, value);
                }
            }
            start = end + 1;
        }
        return query;
    }

    private static String decode(String raw) {
        return raw.indexOf('%') < 0 && raw.indexOf('+') < 0 ? raw : URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
