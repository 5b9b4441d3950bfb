package io.wxplatform.sandbox.users;

import java.util.Set;
import java.util.TreeSet;

/**
 * What WeChat keeps about a follower beyond the subscription: how they came, the account's remark and tags. Mutable,
 * changed only under its {@link AccountUsers}' lock.
 */
final class Profile {

    final String subscribeScene;
    final long qrScene;
    final String qrSceneStr;
    final String unionId;
    String remark = "";
    final Set<Integer> tags = new TreeSet<>();

    Profile(String subscribeScene, long qrScene, String qrSceneStr, String unionId) {
        this.subscribeScene = subscribeScene;
        this.qrScene = qrScene;
        this.qrSceneStr = qrSceneStr;
        this.unionId = unionId;
    }

    static Profile ordinary() {
        return new Profile("ADD_SCENE_OTHERS", 0, "", null);
    }
}
