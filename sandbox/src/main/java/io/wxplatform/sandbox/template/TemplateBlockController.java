package io.wxplatform.sandbox.template;

import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A sandbox control: the follower blocks (or unblocks) the account's template messages, as a follower can in WeChat's
 * settings. A send to them is still answered ok, but nothing reaches their inbox and TEMPLATESENDJOBFINISH says
 * {@code failed:user block}.
 */
@RestController
class TemplateBlockController {

    private final TemplateRegistry templates;

    TemplateBlockController(TemplateRegistry templates) {
        this.templates = templates;
    }

    /** {@code {blocked: true|false}}. */
    record BlockRequest(Boolean blocked) {}

    @PostMapping("/sandbox/accounts/{appId}/followers/{openId}/template-block")
    Map<String, Object> block(
            @PathVariable String appId, @PathVariable String openId, @RequestBody BlockRequest request) {
        boolean blocked = !Boolean.FALSE.equals(request.blocked());
        templates.block(appId, openId, blocked);
        return Map.of("appId", appId, "openId", openId, "blocked", blocked);
    }
}
