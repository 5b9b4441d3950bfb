package io.wxplatform.messaging.send;

/** ACCEPTED (stored, not yet sent) → SENT | FAILED (with WeChat's errcode and its category). */
public enum OutboundStatus {
    ACCEPTED,
    SENT,
    FAILED
}
