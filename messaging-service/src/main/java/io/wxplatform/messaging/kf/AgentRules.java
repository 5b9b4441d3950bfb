package io.wxplatform.messaging.kf;

import io.wxplatform.support.web.ApiException;
import java.util.Map;

/** What WeChat accepts of agents, checked before calling it (400 {@code VALIDATION_FAILED} naming the field). */
final class AgentRules {

    /** WeChat's longest agent nickname, in characters. */
    static final int MAX_NICKNAME = 16;

    private AgentRules() {}

    /** {@code name@account}: the prefix and the account's WeChat id, as WeChat spells every agent. */
    static String kfAccount(String kfAccount) {
        if (kfAccount == null || kfAccount.isBlank()) {
            throw ApiException.validation(Map.of("kfAccount", "is required"));
        }
        int at = kfAccount.indexOf('@');
        if (at <= 0 || at == kfAccount.length() - 1 || kfAccount.indexOf('@', at + 1) >= 0) {
            throw ApiException.validation(Map.of("kfAccount", "must be name@account (the account's WeChat id)"));
        }
        return kfAccount;
    }

    static String nickname(String nickname) {
        if (nickname == null || nickname.isBlank() || nickname.length() > MAX_NICKNAME) {
            throw ApiException.validation(Map.of("nickname", "must hold 1 to " + MAX_NICKNAME + " characters"));
        }
        return nickname;
    }

    static String openId(String openId) {
        if (openId == null || openId.isBlank()) {
            throw ApiException.validation(Map.of("openId", "is required"));
        }
        return openId;
    }
}
