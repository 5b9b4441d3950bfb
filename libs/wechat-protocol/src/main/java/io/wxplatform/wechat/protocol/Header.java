package io.wxplatform.wechat.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every inbound callback carries, plus all of its fields (unknown ones included) for passing on. */
public record Header(
        String toUserName, String fromUserName, long createTime, String msgType, Map<String, String> fields) {

    public Header {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
