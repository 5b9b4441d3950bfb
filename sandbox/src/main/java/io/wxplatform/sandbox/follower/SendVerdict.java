package io.wxplatform.sandbox.follower;

/** Whether a customer-service message may reach a follower right now. */
public enum SendVerdict {
    ALLOWED,
    NOT_A_FOLLOWER,
    OUT_OF_WINDOW,
    LIMIT_REACHED
}
