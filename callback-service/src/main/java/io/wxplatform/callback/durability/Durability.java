package io.wxplatform.callback.durability;

/** Where an event was made durable. */
public enum Durability {
    /** Kafka acknowledged it (acks=all). */
    KAFKA,
    /** MongoDB acknowledged it in the outbox; the relay publishes it later. */
    OUTBOX
}
