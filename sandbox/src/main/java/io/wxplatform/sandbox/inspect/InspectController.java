package io.wxplatform.sandbox.inspect;

import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.callback.CallbackLog;
import io.wxplatform.sandbox.follower.FollowerRegistry;
import io.wxplatform.sandbox.follower.Inbox;
import io.wxplatform.sandbox.follower.InboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only views of what the simulated WeChat did, for tests and demos. */
@RestController
@RequestMapping("/sandbox/accounts/{appId}")
class InspectController {

    record FollowerView(String openId, boolean subscribed, Instant subscribedAt, Instant lastInteractionAt) {}

    private final AccountRegistry accounts;
    private final FollowerRegistry followers;
    private final Inbox inbox;
    private final CallbackLog callbacks;
    private final ApiCallLog apiCalls;

    InspectController(
            AccountRegistry accounts,
            FollowerRegistry followers,
            Inbox inbox,
            CallbackLog callbacks,
            ApiCallLog apiCalls) {
        this.apiCalls = apiCalls;
        this.accounts = accounts;
        this.followers = followers;
        this.inbox = inbox;
        this.callbacks = callbacks;
    }

    @GetMapping("/followers")
    List<FollowerView> followers(@PathVariable String appId) {
        accounts.require(appId);
        return followers.list(appId).stream()
                .map(f -> new FollowerView(f.openId(), f.subscribed(), f.subscribedAt(), f.lastInteractionAt()))
                .toList();
    }

    @GetMapping("/followers/{openId}/inbox")
    List<InboxEntry> inbox(@PathVariable String appId, @PathVariable String openId) {
        accounts.require(appId);
        return inbox.entries(appId, openId);
    }

    /**
     * {@code ?source=MASS} (an {@link InboxEntry.Source}): by content, how many followers received it, how often in
     * all and how many more than once; for counting sends to many followers (benchmarks).
     */
    @GetMapping("/inbox-tally")
    Map<String, Inbox.Tally> inboxTally(@PathVariable String appId, @RequestParam InboxEntry.Source source) {
        accounts.require(appId);
        return inbox.tally(appId, source);
    }

    @GetMapping("/callbacks")
    List<CallbackLog.Entry> callbacks(@PathVariable String appId) {
        accounts.require(appId);
        return callbacks.entries(appId);
    }

    /** Every /cgi-bin call made for the account, oldest first: {@code [{api, at, errcode}]} (0 = success). */
    @GetMapping("/api-calls")
    List<ApiCallLog.Entry> apiCalls(@PathVariable String appId) {
        accounts.require(appId);
        return apiCalls.entries(appId);
    }
}
