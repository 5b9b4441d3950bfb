package io.wxplatform.user.sync;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.ApiGroup;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Full follower sync of one account: started by a tenant admin (the permission table must give the account the
 * follower list and user info, else 403 {@code WECHAT_PERMISSION} and no WeChat call), run by {@link SyncWorker},
 * its progress readable by the tenant.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/sync")
class SyncController {

    private final SyncJobs jobs;
    private final WeChatAccounts accounts;

    SyncController(SyncJobs jobs, WeChatAccounts accounts) {
        this.jobs = jobs;
        this.accounts = accounts;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<SyncJob> start(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.FOLLOWER_LIST))
                .then(accounts.mayCall(tenantId, appId, ApiGroup.USER_INFO))
                .then(jobs.start(tenantId, appId));
    }

    @GetMapping
    Mono<SyncJob> progress(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(jobs.find(tenantId, appId))
                .switchIfEmpty(Mono.error(
                        () -> ApiException.notFound("SYNC_NOT_FOUND", "No sync of " + appId + " was started")));
    }
}
