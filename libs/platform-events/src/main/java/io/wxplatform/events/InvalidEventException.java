package io.wxplatform.events;

/** A record that cannot be read as a platform event: missing headers or an unreadable body. Poison: dead-letter it. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
