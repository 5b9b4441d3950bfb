package io.wxplatform.sandbox.users;

import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.datacube.SubscriptionHistory;
import io.wxplatform.sandbox.web.SandboxProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /sandbox/accounts/{appId}/followers/bulk}: many followers at once, for syncs and benchmarks. */
@RestController
class BulkFollowersController {

    static final int MAX = 5_000_000;
    private static final int OPENID_LENGTH = 28;

    private final AccountRegistry accounts;
    private final UserDirectory directory;
    private final Clock clock;
    private final SubscriptionHistory history;

    BulkFollowersController(
            AccountRegistry accounts, UserDirectory directory, Clock clock, SubscriptionHistory history) {
        this.accounts = accounts;
        this.directory = directory;
        this.clock = clock;
        this.history = history;
    }

    @PostMapping("/sandbox/accounts/{appId}/followers/bulk")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> generate(@PathVariable String appId, @RequestBody BulkFollowersRequest request) {
        accounts.find(appId).orElseThrow(() -> SandboxProblem.accountNotFound(appId));
        int count = request.count() == null ? 0 : request.count();
        String prefix = request.openIdPrefix() == null ? "o" : request.openIdPrefix();
        int digits = OPENID_LENGTH - prefix.length();
        if (count < 1 || count > MAX || digits < String.valueOf(count - 1).length()) {
            throw SandboxProblem.badRequest("count must be 1.." + MAX + " and fit after openIdPrefix in 28 chars");
        }
        Instant now = clock.instant();
        Instant subscribedAt = request.subscribedAt() == null ? now : request.subscribedAt();
        Instant unsubscribedAt = request.unsubscribedAt();
        if (subscribedAt.isAfter(now)
                || unsubscribedAt != null && (unsubscribedAt.isBefore(subscribedAt) || unsubscribedAt.isAfter(now))) {
            throw SandboxProblem.badRequest("subscribedAt <= unsubscribedAt <= now, both optional");
        }
        String subscribeScene = request.subscribeScene() == null ? "ADD_SCENE_SEARCH" : request.subscribeScene();
        List<Integer> tagIds = request.tagIds() == null ? List.of() : request.tagIds();
        AccountUsers users = directory.users(appId);
        String format = "%s%0" + digits + "d";
        int created = 0;
        for (int i = 0; i < count; i++) {
            String openId = String.format(format, prefix, i);
            boolean added = unsubscribedAt == null
                    ? directory.followers().addSubscribed(appId, openId, subscribedAt)
                    : directory.followers().addUnsubscribed(appId, openId, subscribedAt, unsubscribedAt);
            if (added) {
                users.put(
                        openId,
                        new Profile(
                                subscribeScene,
                                request.qrScene() == null ? 0 : request.qrScene(),
                                request.qrSceneStr() == null ? "" : request.qrSceneStr(),
                                null),
                        tagIds);
                created++;
            }
        }
        history.subscribed(appId, subscribedAt, SubscriptionHistory.source(subscribeScene), created);
        if (unsubscribedAt != null) {
            history.unsubscribed(appId, unsubscribedAt, created);
        }
        return Map.of(
                "created",
                created,
                "first",
                String.format(format, prefix, 0),
                "last",
                String.format(format, prefix, count - 1));
    }
}
