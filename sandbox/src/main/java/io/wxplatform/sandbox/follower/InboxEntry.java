package io.wxplatform.sandbox.follower;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** Something a follower received: {@code content} for text, {@code payload} (WeChat's fields) otherwise. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InboxEntry(
        @JsonIgnore long seq, Source source, String msgType, String content, Object payload, Instant at) {

    public enum Source {
        PASSIVE_REPLY,
        CUSTOMER_SERVICE,
        /** The typing indicator the account showed or hid ({@code msgType} Typing or CancelTyping). */
        TYPING,
        /** A template message ({@code payload}: template_id, data, url, miniprogram). */
        TEMPLATE,
        /** A mass send or its preview ({@code msgType} WeChat's, {@code payload}: its object and msg_id). */
        MASS,
        /** A subscription notification ({@code payload}: template_id, data, page, miniprogram). */
        SUBSCRIPTION
    }
}
