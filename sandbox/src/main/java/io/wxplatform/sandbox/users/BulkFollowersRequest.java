package io.wxplatform.sandbox.users;

import java.util.List;

/**
 * Followers generated for an account without callbacks: {@code count} openids {@code openIdPrefix} + a zero-padded
 * index (28 characters like WeChat's), subscribed now, optionally through a scene and with tags.
 */
record BulkFollowersRequest(
        Integer count,
        String openIdPrefix,
        String subscribeScene,
        Long qrScene,
        String qrSceneStr,
        List<Integer> tagIds) {}
