package io.wxplatform.callback.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A dead letter as the operator API lists it. {@code body} is the event's JSON as text; {@code republished} says
 * whether (and where) it was re-published already, null if not.
 */
record DeadLetterView(
        int partition,
        long offset,
        Instant timestamp,
        String key,
        String eventId,
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        String errorClass,
        String errorMessage,
        Map<String, String> headers,
        String body,
        Republication republished) {

    static DeadLetterView of(DeadLetter letter, Republication republished) {
        return new DeadLetterView(
                letter.partition(),
                letter.offset(),
                letter.timestamp(),
                letter.key(),
                letter.eventId(),
                letter.originalTopic(),
                letter.originalPartition(),
                letter.originalOffset(),
                letter.errorClass(),
                letter.errorMessage(),
                letter.headerTexts(),
                letter.body() == null ? null : new String(letter.body(), StandardCharsets.UTF_8),
                republished);
    }
}
