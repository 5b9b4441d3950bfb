package io.wxplatform.callback.deadletter;

import java.time.Instant;

/**
 * A dead letter sent again to its original topic: where the copy landed and when. {@code alreadyRepublished} is
 * true in the answer to a repeated request, which sends nothing.
 */
record Republication(String topic, int partition, long offset, Instant republishedAt, boolean alreadyRepublished) {

    Republication repeated() {
        return new Republication(topic, partition, offset, republishedAt, true);
    }
}
