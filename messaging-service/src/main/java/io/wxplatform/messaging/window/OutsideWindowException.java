package io.wxplatform.messaging.window;

import io.wxplatform.support.web.ApiException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** 409 {@code OUTSIDE_WINDOW}: WeChat would refuse the send (45015 / 45047), so it is not attempted. */
final class OutsideWindowException {

    static final String CODE = "OUTSIDE_WINDOW";

    private OutsideWindowException() {}

    /**
     * @param closedAt when the follower's window closed (or its allowance was used up); null when the follower never
     *                 opened one that this service saw
     */
    static ApiException of(String openId, Instant closedAt, String reason) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("openId", openId);
        properties.put("reason", reason);
        if (closedAt != null) {
            properties.put("closedAt", closedAt.toString());
        }
        String detail = closedAt == null
                ? "Follower " + openId + " has not written to the account, so WeChat would refuse the message"
                : "The customer-service window of follower " + openId + " closed at " + closedAt + " (" + reason + ")";
        return new ApiException(HttpStatus.CONFLICT, CODE, detail, Map.of(), properties);
    }
}
