package io.wxplatform.token.operator;

import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.Page;
import io.wxplatform.support.web.Paging;
import io.wxplatform.token.account.AccountRepository;
import io.wxplatform.token.account.AccountStatus;
import io.wxplatform.token.component.ComponentRegistry;
import io.wxplatform.token.component.ComponentView;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What a platform operator watches across tenants: accounts by status or attention reason, and the components with
 * the age of their last verify ticket. Read-only; fixing an account stays with its tenant's API.
 */
@RestController
@RequestMapping("/api/v1/operator")
class OperatorController {

    private final AccountRepository accounts;
    private final ComponentRegistry components;

    OperatorController(AccountRepository accounts, ComponentRegistry components) {
        this.accounts = accounts;
        this.components = components;
    }

    @GetMapping("/accounts")
    Mono<Page<OperatorAccountView>> accounts(
            @RequestParam(defaultValue = "") List<String> status,
            @RequestParam(defaultValue = "") List<String> attention,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return TenantAccess.operator().then(Mono.defer(() -> {
            Paging paging = Paging.of(page, size);
            Set<AccountStatus> statuses = AccountFilter.statuses(nonBlank(status), nonBlank(attention));
            return Mono.zip(
                            accounts.acrossTenants(statuses, paging.skip(), paging.size())
                                    .map(OperatorAccountView::of)
                                    .collectList(),
                            accounts.countAcrossTenants(statuses))
                    .map(found -> Page.of(found.getT1(), paging, found.getT2()));
        }));
    }

    @GetMapping("/components")
    Mono<List<ComponentView>> components() {
        return TenantAccess.operator().then(components.views().collectList());
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().filter(value -> !value.isBlank()).toList();
    }
}
