package io.wxplatform.callback.publish;

/** Kafka did not acknowledge an event within the budget: the callback must not be acknowledged either. */
public class NotDurableException extends RuntimeException {

    public NotDurableException(String eventId, Throwable cause) {
        super("event " + eventId + " not acknowledged by Kafka: " + cause.getClass().getSimpleName(), cause);
    }
}
