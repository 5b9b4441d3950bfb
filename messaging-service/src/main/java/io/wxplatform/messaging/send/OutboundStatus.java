package io.wxplatform.messaging.send;

public enum OutboundStatus {
    SENT,
    FAILED
}
