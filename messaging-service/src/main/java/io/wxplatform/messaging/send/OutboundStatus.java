package io.wxplatform.messaging.send;

/**
 * ACCEPTED (stored, not yet sent) → SENT | FAILED (with WeChat's errcode and its category); where WeChat reports
 * delivery (template messages' TEMPLATESENDJOBFINISH), SENT → DELIVERED | REFUSED_BY_USER (the follower blocked the
 * account's template messages) | FAILED (WeChat could not deliver).
 */
public enum OutboundStatus {
    ACCEPTED,
    SENT,
    FAILED,
    DELIVERED,
    REFUSED_BY_USER
}
