package io.wxplatform.sandbox.kf;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A sandbox control for what happens on the agent's side of WeChat: the invited person accepted (or a WeChat user is
 * bound) and the agent is online in WeChat's customer-service client, or not. 65401 for an unknown agent.
 */
@RestController
class AgentStateController {

    private final AgentRegistry agents;

    AgentStateController(AgentRegistry agents) {
        this.agents = agents;
    }

    /** {@code {bound: true|false, online: true|false}}; both default to true. */
    record StateRequest(Boolean bound, Boolean online) {}

    @PutMapping("/sandbox/accounts/{appId}/agents/{kfAccount}")
    AgentRegistry.Agent state(
            @PathVariable String appId, @PathVariable String kfAccount, @RequestBody StateRequest request) {
        boolean bound = !Boolean.FALSE.equals(request.bound());
        return agents.setState(appId, kfAccount, bound, bound && !Boolean.FALSE.equals(request.online()));
    }
}
