package io.wxplatform.support.idempotency;

/** Another consumer instance holds the claim on this event within its lease; retry later. */
public class EventInProgressException extends RuntimeException {

    private final String consumer;
    private final String eventId;

    public EventInProgressException(String consumer, String eventId) {
        super("Event " + eventId + " is being processed by another " + consumer + " instance");
        this.consumer = consumer;
        this.eventId = eventId;
    }

    public String consumer() {
        return consumer;
    }

    public String eventId() {
        return eventId;
    }
}
