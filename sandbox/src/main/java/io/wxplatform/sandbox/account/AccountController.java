package io.wxplatform.sandbox.account;

import io.wxplatform.sandbox.web.SandboxProblem;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@RequestMapping("/sandbox/accounts")
class AccountController {

    private final AccountRegistry accounts;

    AccountController(AccountRegistry accounts) {
        this.accounts = accounts;
    }

    /** Upsert: tests and the local platform post their accounts at start-up without checking first. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AccountView create(@RequestBody AccountRequest request) {
        return AccountView.of(accounts.put(request));
    }

    /** Many plain accounts at once, for benchmarks: {@code {created, first, last}}. */
    @PostMapping("/bulk")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<BulkAccountsResult> bulk(@RequestBody BulkAccountsRequest request) {
        // A few hundred milliseconds of CPU for 100,000 accounts: off the event loop.
        return Mono.fromCallable(() -> accounts.bulk(request)).subscribeOn(Schedulers.parallel());
    }

    @GetMapping
    List<AccountView> list() {
        return accounts.all().stream()
                .sorted(Comparator.comparing(Account::appId))
                .map(AccountView::of)
                .toList();
    }

    @GetMapping("/{appId}")
    AccountView get(@PathVariable String appId) {
        return AccountView.of(accounts.require(appId));
    }

    @PutMapping("/{appId}")
    AccountView replace(@PathVariable String appId, @RequestBody AccountRequest request) {
        if (request.appId() != null && !request.appId().equals(appId)) {
            throw SandboxProblem.badRequest("appId in the body differs from the path");
        }
        Account existing = accounts.require(appId);
        String originalId = request.originalId() != null ? request.originalId() : existing.originalId();
        return AccountView.of(accounts.put(new AccountRequest(
                appId,
                request.secret(),
                request.name(),
                originalId,
                request.callbackUrl(),
                request.token(),
                request.encodingAesKey(),
                request.encryptionMode(),
                request.type(),
                request.verified(),
                request.componentAppId())));
    }

    @PatchMapping("/{appId}")
    AccountView patch(@PathVariable String appId, @RequestBody AccountRequest patch) {
        return AccountView.of(accounts.patch(appId, patch));
    }
}
