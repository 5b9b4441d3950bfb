package io.wxplatform.messaging.kf;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.AgentApi;
import io.wxplatform.wechat.api.AgentMessagePage;
import io.wxplatform.wechat.api.AgentSession;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Followers' sessions with agents as WeChat holds them (create, close, a follower's session, an agent's sessions,
 * the waiting list), the sessions as the platform saw them change (kf_* events, {@link AgentSessions}), and the
 * agents' chat history. Every WeChat call passes the permission table first.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}")
class AgentSessionsController {

    private final WeChatAccounts accounts;
    private final WeChatClient wechat;
    private final TokenClient tokens;
    private final AgentSessions recorded;
    private final Clock clock;

    AgentSessionsController(
            WeChatAccounts accounts, WeChatClient wechat, TokenClient tokens, AgentSessions recorded, Clock clock) {
        this.accounts = accounts;
        this.wechat = wechat;
        this.tokens = tokens;
        this.recorded = recorded;
        this.clock = clock;
    }

    /** {@code {kfAccount, openId}}. */
    record SessionRequest(String kfAccount, String openId) {}

    /** The agent takes the follower (the agent must be bound to a WeChat user and online). */
    @PostMapping("/agent-sessions")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<AgentSession> create(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody SessionRequest request) {
        String kfAccount = AgentRules.kfAccount(request.kfAccount());
        String openId = AgentRules.openId(request.openId());
        return gate(TenantAccess.write(tenantId), tenantId, appId)
                .then(tokens.withToken(
                        appId,
                        token -> wechat.agents()
                                .createSession(appId, token, kfAccount, openId)
                                .then(wechat.agents().session(appId, token, openId))));
    }

    /** Ends the follower's session; {@code kfAccount} defaults to the agent WeChat says holds them. */
    @DeleteMapping("/agent-sessions/{openId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> close(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @PathVariable String openId,
            @RequestParam(required = false) String kfAccount) {
        return gate(TenantAccess.write(tenantId), tenantId, appId)
                .then(tokens.withToken(
                        appId,
                        token -> (kfAccount != null
                                        ? Mono.just(AgentRules.kfAccount(kfAccount))
                                        : wechat.agents()
                                                .session(appId, token, openId)
                                                .mapNotNull(AgentSession::kfAccount))
                                .switchIfEmpty(Mono.error(ApiException.notFound(
                                        "NO_AGENT_SESSION", "No agent holds the follower " + openId)))
                                .flatMap(agent -> wechat.agents().closeSession(appId, token, agent, openId))));
    }

    /** The follower's session as WeChat has it ({@code kfAccount} null when no agent holds them). */
    @GetMapping("/agent-sessions/{openId}")
    Mono<AgentSession> session(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String openId) {
        return gate(TenantAccess.read(tenantId), tenantId, appId)
                .then(tokens.withToken(appId, token -> wechat.agents().session(appId, token, openId)));
    }

    /** The agent's open sessions. */
    @GetMapping("/agents/{kfAccount}/sessions")
    Mono<Map<String, Object>> agentSessions(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String kfAccount) {
        String agent = AgentRules.kfAccount(kfAccount);
        return gate(TenantAccess.read(tenantId), tenantId, appId)
                .then(tokens.withToken(appId, token -> wechat.agents().sessions(appId, token, agent)))
                .map(sessions -> Map.of("kfAccount", agent, "sessions", sessions));
    }

    /** Followers waiting for an agent. */
    @GetMapping("/agent-waitlist")
    Mono<Map<String, Object>> waiting(@PathVariable String tenantId, @PathVariable String appId) {
        return gate(TenantAccess.read(tenantId), tenantId, appId)
                .then(tokens.withToken(appId, token -> wechat.agents().waiting(appId, token)))
                .map(waiting -> Map.of("count", waiting.size(), "waiting", waiting));
    }

    /** Sessions as the platform saw them change (kf_create_session, kf_switch_session, kf_close_session). */
    @GetMapping("/agent-sessions")
    Mono<Map<String, Object>> recorded(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(recorded.list(tenantId, appId).collectList())
                .map(sessions -> Map.of("appId", appId, "sessions", sessions));
    }

    /**
     * The agents' chat history from {@code from} to {@code to} (ISO instants, at most a day apart; default the last
     * day), {@code number} lines (default 100) from WeChat's {@code msgId} on (default 1, the first): the answer's
     * {@code nextMsgId} asks for the next page.
     */
    @GetMapping("/agent-messages")
    Mono<ResponseEntity<AgentMessagePage>> history(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "1") long msgId,
            @RequestParam(defaultValue = "100") int number) {
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minusSeconds(AgentApi.MAX_HISTORY_SECONDS) : instant("from", from);
        if (start.isAfter(end) || end.getEpochSecond() - start.getEpochSecond() > AgentApi.MAX_HISTORY_SECONDS) {
            return Mono.error(ApiException.validation(Map.of("from", "must be on or before to, at most 24 h apart")));
        }
        if (number < 1 || number > AgentApi.MAX_HISTORY_PAGE || msgId < 1) {
            return Mono.error(ApiException.validation(
                    Map.of("number", "must be 1.." + AgentApi.MAX_HISTORY_PAGE + " and msgId >= 1")));
        }
        return gate(TenantAccess.read(tenantId), tenantId, appId)
                .then(tokens.withToken(
                        appId, token -> wechat.agents().messages(appId, token, start, end, msgId, number)))
                .map(ResponseEntity::ok);
    }

    private Mono<Void> gate(Mono<?> access, String tenantId, String appId) {
        return access.then(accounts.mayCall(tenantId, appId, ApiGroup.CUSTOMER_SERVICE_MANAGEMENT))
                .then();
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(Map.of(name, "must be an ISO-8601 instant, e.g. 2026-01-01T00:00:00Z"));
        }
    }
}
