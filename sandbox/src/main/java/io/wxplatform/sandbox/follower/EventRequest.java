package io.wxplatform.sandbox.follower;

import java.math.BigDecimal;
import java.util.Map;

/** An event the follower triggers ({@code subscribe}, {@code CLICK}, …); {@code fields} adds raw WeChat fields. */
public record EventRequest(
        String event,
        String eventKey,
        String ticket,
        BigDecimal latitude,
        BigDecimal longitude,
        BigDecimal precision,
        Map<String, String> fields) {
}
