package io.wxplatform.support.inbound;

/**
 * Marks a failure that would fail the same way on every attempt: the consumer dead-letters the record at once
 * instead of retrying it.
 */
public interface NonRetryable {}
