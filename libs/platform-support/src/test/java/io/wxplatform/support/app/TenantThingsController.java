package io.wxplatform.support.app;

import io.wxplatform.support.security.TenantAccess;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Tenant-scoped endpoints the way services write them: the access check first. */
@RestController
class TenantThingsController {

    @GetMapping("/api/v1/tenants/{tenantId}/things")
    Mono<Map<String, Object>> read(@PathVariable String tenantId) {
        return TenantAccess.read(tenantId)
                .map(caller -> Map.of("tenant", tenantId, "by", caller.subject(), "operator", caller.operator()));
    }

    @PostMapping("/api/v1/tenants/{tenantId}/things")
    Mono<Map<String, Object>> write(@PathVariable String tenantId) {
        return TenantAccess.write(tenantId).map(caller -> Map.of("tenant", tenantId, "written", true));
    }

    @PostMapping("/api/v1/platform:reindex")
    Mono<Map<String, Object>> operatorOnly() {
        return TenantAccess.operator().map(caller -> Map.of("reindexed", true));
    }
}
