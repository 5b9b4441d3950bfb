package io.wxplatform.user.oauth;

import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The broker's public paths, reached by browsers without a JWT (the gateway routes {@code /oauth/**}): the
 * authorize URL a tenant's page links to, and the callback WeChat sends the browser back to. Both answer 302 or a
 * problem; neither is cached, and neither tells the next page where the browser came from.
 */
@RestController
@RequestMapping("/oauth/{appId}")
class OAuthBrokerController {

    private final OAuthBroker broker;

    OAuthBrokerController(OAuthBroker broker) {
        this.broker = broker;
    }

    @GetMapping("/authorize")
    Mono<ResponseEntity<Void>> authorize(
            @PathVariable String appId,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String state) {
        return broker.authorize(appId, redirectUri, scope, state).map(OAuthBrokerController::found);
    }

    @GetMapping("/callback")
    Mono<ResponseEntity<Void>> callback(
            @PathVariable String appId,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String state) {
        return broker.callback(appId, code, state).map(OAuthBrokerController::found);
    }

    private static ResponseEntity<Void> found(URI location) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(location)
                .cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
