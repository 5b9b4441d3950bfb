package io.wxplatform.messaging.rules;

import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.events.rules.ReplyRuleSet;
import io.wxplatform.support.security.TenantAccess;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Passive auto-reply rules of one account: read by the owning tenant's admins and viewers, changed by its admins. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/rules")
class RulesController {

    private final Rules rules;

    RulesController(Rules rules) {
        this.rules = rules;
    }

    @PostMapping
    Mono<ResponseEntity<ReplyRule>> create(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody RuleRequest request) {
        return TenantAccess.write(tenantId)
                .then(rules.create(tenantId, appId, request))
                .map(rule -> ResponseEntity.created(URI.create(
                                "/api/v1/tenants/" + tenantId + "/accounts/" + appId + "/rules/" + rule.id()))
                        .body(rule));
    }

    @GetMapping
    Mono<ReplyRuleSet> list(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId).then(rules.list(tenantId, appId));
    }

    @GetMapping("/{ruleId}")
    Mono<ReplyRule> get(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String ruleId) {
        return TenantAccess.read(tenantId).then(rules.get(tenantId, appId, ruleId));
    }

    @PutMapping("/{ruleId}")
    Mono<ReplyRule> replace(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @PathVariable String ruleId,
            @RequestBody RuleRequest request) {
        return TenantAccess.write(tenantId).then(rules.replace(tenantId, appId, ruleId, request));
    }

    @DeleteMapping("/{ruleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String ruleId) {
        return TenantAccess.write(tenantId).then(rules.delete(tenantId, appId, ruleId));
    }

    @PostMapping("/{ruleId}:enable")
    Mono<ReplyRule> enable(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String ruleId) {
        return TenantAccess.write(tenantId).then(rules.enable(tenantId, appId, ruleId, true));
    }

    @PostMapping("/{ruleId}:disable")
    Mono<ReplyRule> disable(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String ruleId) {
        return TenantAccess.write(tenantId).then(rules.enable(tenantId, appId, ruleId, false));
    }
}
