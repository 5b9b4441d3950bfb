package io.wxplatform.support.idempotency;

/** What {@link EventLedger#once} did. */
public enum Outcome {
    /** The effect ran now. */
    PROCESSED,
    /** The event was processed before; the effect did not run again. */
    DUPLICATE
}
