package io.wxplatform.messaging.send;

import io.wxplatform.support.inbound.NonRetryable;
import io.wxplatform.tokenclient.TokenServiceException;

/** token-service answered with a 4xx (e.g. unknown account): asking again will not help. */
class TokenUnavailableException extends RuntimeException implements NonRetryable {

    TokenUnavailableException(TokenServiceException cause) {
        super(cause.getMessage(), cause);
    }
}
