package io.wxplatform.sandbox.follower;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wxplatform.sandbox.callback.Attempt;
import io.wxplatform.sandbox.callback.ReplyView;
import java.util.List;

/**
 * What happened to one follower action: the callback WeChat sent (msgId for messages), each attempt, the passive
 * reply, and, when asked to wait, the customer-service messages that arrived.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallbackOutcome(
        Long msgId,
        long createTime,
        String callbackUrl,
        List<Attempt> attempts,
        ReplyView reply,
        String error,
        List<InboxEntry> messages) {}
