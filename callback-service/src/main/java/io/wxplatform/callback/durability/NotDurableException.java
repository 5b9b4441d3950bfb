package io.wxplatform.callback.durability;

/** Neither Kafka nor the outbox acknowledged an event in time: the callback must not be acknowledged either. */
public class NotDurableException extends RuntimeException {

    public NotDurableException(String eventId, Throwable cause) {
        super(
                "event " + eventId + " stored neither in Kafka nor in the outbox: "
                        + cause.getClass().getSimpleName(),
                cause);
    }
}
