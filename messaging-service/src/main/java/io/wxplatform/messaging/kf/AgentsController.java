package io.wxplatform.messaging.kf;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.Agent;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.OnlineAgent;
import io.wxplatform.wechat.api.WeChatClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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

/**
 * The account's customer-service agents (多客服) as WeChat holds them: list (with who is online), add, rename, delete,
 * and invite a WeChat user to be an agent. WeChat is the store: nothing is kept here. Every call passes the
 * permission table first (customer-service management: verified service accounts only).
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/agents")
class AgentsController {

    private final WeChatAccounts accounts;
    private final WeChatClient wechat;
    private final TokenClient tokens;

    AgentsController(WeChatAccounts accounts, WeChatClient wechat, TokenClient tokens) {
        this.accounts = accounts;
        this.wechat = wechat;
        this.tokens = tokens;
    }

    /** An agent and, when online, their status (1 web client) and sessions held. */
    record AgentView(
            String kfAccount,
            String nickname,
            String kfId,
            String headImgUrl,
            String wxAccount,
            String inviteWx,
            String inviteStatus,
            boolean online,
            int acceptedCases) {

        static AgentView of(Agent agent, OnlineAgent online) {
            return new AgentView(
                    agent.kfAccount(),
                    agent.nickname(),
                    agent.kfId(),
                    agent.headImgUrl(),
                    agent.wxAccount(),
                    agent.inviteWx(),
                    agent.inviteStatus(),
                    online != null,
                    online == null ? 0 : online.acceptedCases());
        }
    }

    /** {@code {kfAccount: "name@account", nickname}}. */
    record AgentRequest(String kfAccount, String nickname) {}

    /** {@code {wxAccount}}: the WeChat id of the person invited. */
    record InviteRequest(String wxAccount) {}

    @GetMapping
    Mono<Map<String, Object>> list(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.CUSTOMER_SERVICE_MANAGEMENT))
                .then(tokens.withToken(
                        appId,
                        token -> wechat.agents()
                                .list(appId, token)
                                .zipWith(wechat.agents().online(appId, token))))
                .map(both -> {
                    Map<String, OnlineAgent> online = both.getT2().stream()
                            .collect(Collectors.toMap(OnlineAgent::kfAccount, Function.identity(), (a, b) -> a));
                    List<AgentView> agents = both.getT1().stream()
                            .map(agent -> AgentView.of(agent, online.get(agent.kfAccount())))
                            .toList();
                    return Map.of("appId", appId, "agents", agents);
                });
    }

    @PostMapping
    Mono<ResponseEntity<AgentView>> add(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody AgentRequest request) {
        String kfAccount = AgentRules.kfAccount(request.kfAccount());
        String nickname = AgentRules.nickname(request.nickname());
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.CUSTOMER_SERVICE_MANAGEMENT))
                .then(tokens.withToken(appId, token -> wechat.agents().add(appId, token, kfAccount, nickname)))
                .then(Mono.fromSupplier(() -> ResponseEntity.created(URI.create(
                                "/api/v1/tenants/" + tenantId + "/accounts/" + appId + "/agents/" + kfAccount))
                        .body(new AgentView(kfAccount, nickname, null, null, null, null, null, false, 0))));
    }

    @PutMapping("/{kfAccount}")
    Mono<AgentView> update(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @PathVariable String kfAccount,
            @RequestBody AgentRequest request) {
        String account = AgentRules.kfAccount(kfAccount);
        String nickname = AgentRules.nickname(request.nickname());
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.CUSTOMER_SERVICE_MANAGEMENT))
                .then(tokens.withToken(appId, token -> wechat.agents().update(appId, token, account, nickname)))
                .then(Mono.fromSupplier(
                        () -> new AgentView(account, nickname, null, null, null, null, null, false, 0)));
    }

    @DeleteMapping("/{kfAccount}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String kfAccount) {
        String account = AgentRules.kfAccount(kfAccount);
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.CUSTOMER_SERVICE_MANAGEMENT))
                .then(tokens.withToken(appId, token -> wechat.agents().delete(appId, token, account)));
    }

    /** Binds the agent to a WeChat user, who accepts the invitation in WeChat (status in the list). */
    @PostMapping("/{kfAccount}/invitation")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> invite(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @PathVariable String kfAccount,
            @RequestBody InviteRequest request) {
        String account = AgentRules.kfAccount(kfAccount);
        if (request.wxAccount() == null || request.wxAccount().isBlank()) {
            return Mono.error(ApiException.validation(Map.of("wxAccount", "is required")));
        }
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.CUSTOMER_SERVICE_MANAGEMENT))
                .then(tokens.withToken(
                        appId, token -> wechat.agents().invite(appId, token, account, request.wxAccount())));
    }
}
