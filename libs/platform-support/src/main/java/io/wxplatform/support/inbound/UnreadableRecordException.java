package io.wxplatform.support.inbound;

/** The record's body is not an {@code InboundEvent}: no number of retries will change that. */
class UnreadableRecordException extends RuntimeException implements NonRetryable {

    UnreadableRecordException(Throwable cause) {
        super(String.valueOf(cause.getMessage()), cause);
    }
}
