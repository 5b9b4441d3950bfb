package io.wxplatform.callback.deadletter;

import java.util.List;

/**
 * Records of one partition of a dead-letter topic from an offset on. {@code beginningOffset} and {@code endOffset}
 * bound what the topic still holds (retention removes the oldest); {@code nextOffset} is where the next page starts
 * ({@code == endOffset} when this page reached the end).
 */
record DeadLetterPage(
        String topic,
        int partition,
        long beginningOffset,
        long endOffset,
        List<DeadLetterView> items,
        long nextOffset) {}
