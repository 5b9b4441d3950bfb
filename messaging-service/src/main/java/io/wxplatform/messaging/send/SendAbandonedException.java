package io.wxplatform.messaging.send;

import io.wxplatform.support.inbound.NonRetryable;
import io.wxplatform.wechat.api.WeChatApiException;

/** WeChat kept failing with a retryable error through every attempt; the send is recorded FAILED and parked. */
class SendAbandonedException extends RuntimeException implements NonRetryable {

    SendAbandonedException(WeChatApiException cause) {
        super("gave up sending after retries: " + cause.getMessage(), cause);
    }
}
