package io.wxplatform.sandbox.oauth;

import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.web.SandboxProblem;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * WeChat's web-authorization page ({@code open.weixin.qq.com/connect/oauth2/authorize}) and the follower who
 * approves it: the approval sends the browser back to the redirect_uri with a single-use code and the state.
 */
@RestController
class ConsentController {

    private final AccountRegistry accounts;
    private final OAuthGrants grants;

    ConsentController(AccountRegistry accounts, OAuthGrants grants) {
        this.accounts = accounts;
        this.grants = grants;
    }

    @GetMapping("/connect/oauth2/authorize")
    ResponseEntity<String> page(@RequestParam MultiValueMap<String, String> query) {
        try {
            AuthorizeRequest request = AuthorizeRequest.of(query, accounts);
            return html(
                    HttpStatus.OK,
                    "网页授权 " + request.appId() + " (" + request.scope() + "). A follower approves with POST "
                            + "/sandbox/accounts/" + request.appId() + "/followers/{openId}/oauth/consent "
                            + "{\"url\": \"<this page's URL>\"}; the browser then returns to " + request.redirectUri());
        } catch (SandboxProblem e) {
            return html(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** The follower approves the page at {@code url}: 302 to its redirect_uri with {@code code} and {@code state}. */
    @PostMapping("/sandbox/accounts/{appId}/followers/{openId}/oauth/consent")
    ResponseEntity<Void> approve(
            @PathVariable String appId, @PathVariable String openId, @RequestBody ConsentRequest consent) {
        if (consent.url() == null) {
            throw SandboxProblem.badRequest("url is required");
        }
        AuthorizeRequest request = AuthorizeRequest.of(decodedQuery(consent.url()), accounts);
        if (!appId.equals(request.appId())) {
            throw SandboxProblem.badRequest("the page is of " + request.appId() + ", not " + appId);
        }
        String code = grants.issueCode(
                new OAuthGrants.Approval(appId, request.componentAppId(), openId, request.scope(), consent.snapshot()));
        UriComponentsBuilder back =
                UriComponentsBuilder.fromUriString(request.redirectUri()).queryParam("code", code);
        if (request.state() != null) {
            back.queryParam("state", request.state());
        }
        URI location = back.encode().build().toUri();
        return ResponseEntity.status(HttpStatus.FOUND).location(location).build();
    }

    private static MultiValueMap<String, String> decodedQuery(String url) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        UriComponentsBuilder.fromUriString(url)
                .build(true)
                .getQueryParams()
                .forEach((key, values) -> values.forEach(value ->
                        query.add(key, value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8))));
        return query;
    }

    private static ResponseEntity<String> html(HttpStatus status, String text) {
        String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>微信网页授权</title></head>" + "<body><p>"
                + HtmlUtils.htmlEscape(text) + "</p></body></html>";
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(page);
    }
}
