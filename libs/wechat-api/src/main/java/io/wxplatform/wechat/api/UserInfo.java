package io.wxplatform.wechat.api;

import java.time.Instant;
import java.util.List;

/**
 * What WeChat's {@code user/info} and {@code batchget} return since 2021 (no nickname, avatar, sex, region or
 * language any more, so none are read).
 *
 * @param subscribed     {@code subscribe == 1}; an unsubscribed follower has only openid (and unionid)
 * @param subscribeTime  null when not subscribed
 * @param subscribeScene e.g. {@code ADD_SCENE_QR_CODE}; null when not subscribed
 * @param qrScene        numeric scene of the code followed through, 0 when none
 * @param qrSceneStr     string scene of the code followed through, empty when none
 */
public record UserInfo(
        String openId,
        boolean subscribed,
        Instant subscribeTime,
        String unionId,
        String remark,
        List<Integer> tagIds,
        String subscribeScene,
        long qrScene,
        String qrSceneStr) {

    public UserInfo {
        tagIds = List.copyOf(tagIds);
    }
}
