package io.wxplatform.sandbox.follower;

/** Whether a customer-service message may reach a follower right now. */
public enum SendVerdict {
    ALLOWED,
    NOT_A_FOLLOWER,
    /** A former follower (customer-service API: 45015; template API: 43004). */
    NOT_SUBSCRIBED,
    OUT_OF_WINDOW,
    LIMIT_REACHED
}
