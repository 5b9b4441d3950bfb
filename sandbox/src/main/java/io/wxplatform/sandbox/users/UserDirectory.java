package io.wxplatform.sandbox.users;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.follower.Follower;
import io.wxplatform.sandbox.follower.FollowerRegistry;
import io.wxplatform.sandbox.token.TokenStore;
import io.wxplatform.sandbox.web.Resettable;
import io.wxplatform.sandbox.web.WeChatError;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The user and tag APIs' view of an account: who calls (the token's account, which must be verified: WeChat's
 * permission table gives user info, the follower list, remarks and tags to verified accounts only), which openids are
 * its followers ({@link FollowerRegistry}) and their profiles, tags and blacklist ({@link AccountUsers}).
 */
@Component
class UserDirectory implements Resettable {

    private final ConcurrentMap<String, AccountUsers> byAccount = new ConcurrentHashMap<>();
    private final TokenStore tokens;
    private final AccountRegistry accounts;
    private final FollowerRegistry followers;

    UserDirectory(TokenStore tokens, AccountRegistry accounts, FollowerRegistry followers) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.followers = followers;
    }

    /** The calling account, or WeChat's token error. */
    Account caller(String accessToken) {
        return accounts.find(tokens.appIdOf(accessToken)).orElseThrow(WeChatError.INVALID_CREDENTIAL::toException);
    }

    /** 48001 for an unverified account, as WeChat's permission table says. */
    static void requireVerified(Account account) {
        if (!account.verified()) {
            throw WeChatError.API_UNAUTHORIZED.toException();
        }
    }

    AccountUsers users(String appId) {
        return byAccount.computeIfAbsent(appId, id -> new AccountUsers());
    }

    Follower follower(String appId, String openId) {
        if (openId == null || openId.isBlank()) {
            throw WeChatError.INVALID_OPENID.toException();
        }
        return followers.find(appId, openId).orElseThrow(WeChatError.INVALID_OPENID::toException);
    }

    /** 40032 unless 1 to {@code max} openids, 40003 unless each is a follower of the account. */
    List<String> openIds(String appId, Object list, int max) {
        if (!(list instanceof List<?> raw) || raw.isEmpty() || raw.size() > max) {
            throw WeChatError.INVALID_OPENID_LIST.toException();
        }
        List<String> openIds = raw.stream().map(String::valueOf).toList();
        openIds.forEach(openId -> follower(appId, openId));
        return openIds;
    }

    FollowerRegistry followers() {
        return followers;
    }

    @Override
    public void reset() {
        byAccount.clear();
    }
}
