package io.wxplatform.sandbox.component;

import io.wxplatform.sandbox.web.SandboxProblem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /cgi-bin/componentloginpage}, the page mp.weixin.qq.com shows an account owner. The sandbox remembers the
 * redirect_uri for the pre_auth_code; the owner "approves" through {@code POST /sandbox/components/{c}/authorizations}.
 */
@RestController
class LoginPageController {

    private final ComponentRegistry registry;
    private final Clock clock;

    LoginPageController(ComponentRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @GetMapping("/cgi-bin/componentloginpage")
    ResponseEntity<String> loginPage(
            @RequestParam(name = "component_appid", required = false) String componentAppId,
            @RequestParam(name = "pre_auth_code", required = false) String preAuthCode,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            @RequestParam(name = "auth_type", required = false) String authType) {
        Optional<SimulatedComponent> component = registry.find(componentAppId);
        if (component.isEmpty() || redirectUri == null || redirectUri.isBlank()) {
            return page(400, "授权入口页参数无效 (unknown component_appid or no redirect_uri)");
        }
        try {
            component.get().rememberRedirect(preAuthCode, redirectUri, clock.instant());
        } catch (SandboxProblem e) {
            return page(400, "pre_auth_code 无效或已过期 (pre_auth_code unknown, used or expired)");
        }
        return page(
                200,
                "公众号管理员扫码授权 " + componentAppId + " (auth_type " + authType + "). Approve with "
                        + "POST /sandbox/components/" + componentAppId + "/authorizations {\"preAuthCode\": \""
                        + preAuthCode + "\", \"authorizerAppId\": \"wx…\"}; the browser then returns to "
                        + redirectUri);
    }

    private static ResponseEntity<String> page(int status, String text) {
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>微信公众平台 · 授权</title></head>"
                + "<body><p>" + HtmlUtils.htmlEscape(text) + "</p></body></html>";
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(html);
    }
}
