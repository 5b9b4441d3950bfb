package io.wxplatform.sandbox.users;

import java.time.Instant;
import java.util.List;

/**
 * Followers generated for an account without callbacks: {@code count} openids {@code openIdPrefix} + a zero-padded
 * index (28 characters like WeChat's), subscribed now (or at {@code subscribedAt}, in the past), optionally through a
 * scene and with tags; with {@code unsubscribedAt} they have left again since (history for the datacube figures).
 */
record BulkFollowersRequest(
        Integer count,
        String openIdPrefix,
        String subscribeScene,
        Long qrScene,
        String qrSceneStr,
        List<Integer> tagIds,
        Instant subscribedAt,
        Instant unsubscribedAt) {}
