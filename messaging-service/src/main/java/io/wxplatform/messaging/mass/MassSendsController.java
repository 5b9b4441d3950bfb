package io.wxplatform.messaging.mass;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.support.web.Page;
import io.wxplatform.support.web.Paging;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Mass sends of one account, visible only to the tenant that owns it: jobs (202 once stored, with the status URL),
 * their list with progress, one job, WeChat's status of its sent messages and their deletion, and previews.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/mass-sends")
class MassSendsController {

    private final MassSends sends;
    private final MassCalls calls;
    private final MassJobs jobs;
    private final WeChatAccounts accounts;

    MassSendsController(MassSends sends, MassCalls calls, MassJobs jobs, WeChatAccounts accounts) {
        this.sends = sends;
        this.calls = calls;
        this.jobs = jobs;
        this.accounts = accounts;
    }

    @PostMapping
    Mono<ResponseEntity<MassJobView>> send(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody MassSendRequest request) {
        return TenantAccess.write(tenantId)
                .then(sends.accept(tenantId, appId, idempotencyKey, request))
                .map(accepted -> ResponseEntity.accepted()
                        .location(URI.create(accepted.job().statusUrl()))
                        .header("Idempotent-Replayed", String.valueOf(accepted.repeat()))
                        .body(accepted.job()));
    }

    @PostMapping("/preview")
    Mono<MassCalls.Preview> preview(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody MassSendRequest request) {
        return TenantAccess.write(tenantId).then(calls.preview(tenantId, appId, request));
    }

    @GetMapping
    Mono<Page<MassJobView>> list(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Paging paging = Paging.of(page, size);
        return TenantAccess.read(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(Mono.zip(
                        jobs.page(tenantId, appId, paging.skip(), paging.size()).collectList(),
                        jobs.count(tenantId, appId)))
                .flatMap(found -> views(found.getT1()).map(views -> Page.of(views, paging, found.getT2())));
    }

    @GetMapping("/{jobId}")
    Mono<MassJobView> job(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String jobId) {
        return TenantAccess.read(tenantId).then(owned(tenantId, appId, jobId)).flatMap(sends::view);
    }

    @GetMapping("/{jobId}/wechat-status")
    Mono<MassCalls.JobStatus> wechatStatus(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String jobId) {
        return TenantAccess.read(tenantId)
                .then(owned(tenantId, appId, jobId))
                .flatMap(job -> calls.status(tenantId, appId, job));
    }

    @DeleteMapping("/{jobId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @PathVariable String jobId,
            @RequestParam(required = false) Integer articleIdx) {
        return TenantAccess.write(tenantId)
                .then(owned(tenantId, appId, jobId))
                .flatMap(job -> calls.delete(tenantId, appId, job, articleIdx));
    }

    private Mono<Document> owned(String tenantId, String appId, String jobId) {
        return accounts.owned(tenantId, appId)
                .then(jobs.of(tenantId, appId, jobId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                        "MASS_SEND_NOT_FOUND", "No mass send " + jobId + " of account " + appId)));
    }

    /** The page's jobs with their batches, read in one query. */
    private Mono<List<MassJobView>> views(List<Document> page) {
        if (page.isEmpty()) {
            return Mono.just(List.of());
        }
        return jobs.batchesOf(page.stream().map(job -> job.getString("_id")).toList())
                .collectList()
                .map(batches -> {
                    Map<String, List<Document>> byJob =
                            batches.stream().collect(Collectors.groupingBy(batch -> batch.getString("massJobId")));
                    return page.stream()
                            .map(job -> MassJobView.of(job, byJob.getOrDefault(job.getString("_id"), List.of())))
                            .toList();
                });
    }
}
