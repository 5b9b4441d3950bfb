package io.wxplatform.user.qrcode;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.support.web.Page;
import io.wxplatform.support.web.Paging;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.QrCode;
import io.wxplatform.wechat.api.WeChatClient;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
 * An account's parametric QR codes: created through WeChat (permission table: {@link ApiGroup#QR_CODES}, verified
 * service accounts), listed, looked up by scene, and each code's scans and new followers per day.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/qrcodes")
class QrCodesController {

    /** {@code unsubscribedSince}: how many of that day's new followers have unsubscribed since. */
    record DayStats(String day, long scans, long newFollowers, long unsubscribedSince) {}

    private final WeChatAccounts accounts;
    private final TokenClient tokens;
    private final WeChatClient wechat;
    private final QrCodeStore store;

    QrCodesController(WeChatAccounts accounts, TokenClient tokens, WeChatClient wechat, QrCodeStore store) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.wechat = wechat;
        this.store = store;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<QrCodeView> create(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody QrCodeRequest request) {
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.QR_CODES))
                .then(Mono.fromSupplier(() -> checked(request)))
                .flatMap(valid -> tokens.withToken(appId, token -> issue(appId, token, valid))
                        .flatMap(code -> store.save(tenantId, appId, scene(valid), valid.kind(), code, valid.label())));
    }

    @GetMapping
    Mono<Page<QrCodeView>> list(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Paging paging = Paging.of(page, size);
        return TenantAccess.read(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(Mono.zip(
                        store.list(tenantId, appId, paging.skip(), paging.size())
                                .collectList(),
                        store.count(tenantId, appId)))
                .map(found -> Page.of(found.getT1(), paging, found.getT2()));
    }

    @GetMapping("/{scene}")
    Mono<QrCodeView> get(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String scene) {
        return TenantAccess.read(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(store.find(tenantId, appId, scene))
                .switchIfEmpty(Mono.error(() ->
                        ApiException.notFound("QRCODE_NOT_FOUND", "No code with scene " + scene + " of " + appId)));
    }

    @GetMapping("/{scene}/stats")
    Mono<Map<String, List<DayStats>>> stats(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String scene) {
        return get(tenantId, appId, scene)
                .thenMany(store.stats(appId, scene))
                .map(doc -> new DayStats(
                        doc.getString("day"),
                        number(doc.get("scans")),
                        number(doc.get("newFollowers")),
                        number(doc.get("unsubscribedSince"))))
                .collectList()
                .map(days -> Map.of("days", days));
    }

    private Mono<QrCode> issue(String appId, String token, QrCodeRequest request) {
        boolean temporary = request.kind() == QrCodeView.Kind.TEMPORARY;
        if (request.sceneStr() != null) {
            return temporary
                    ? wechat.qrCodes().temporary(appId, token, request.sceneStr(), request.expireSeconds())
                    : wechat.qrCodes().permanent(appId, token, request.sceneStr());
        }
        return temporary
                ? wechat.qrCodes().temporary(appId, token, request.sceneId(), request.expireSeconds())
                : wechat.qrCodes().permanent(appId, token, request.sceneId());
    }

    private static QrCodeRequest checked(QrCodeRequest request) {
        if (request == null || request.kind() == null) {
            throw ApiException.validation(Map.of("kind", "TEMPORARY or PERMANENT"));
        }
        if ((request.sceneId() == null) == (request.sceneStr() == null)) {
            throw ApiException.validation(Map.of("sceneId", "exactly one of sceneId and sceneStr"));
        }
        if (request.kind() == QrCodeView.Kind.TEMPORARY && request.expireSeconds() == null) {
            throw ApiException.validation(Map.of("expireSeconds", "required for a temporary code"));
        }
        return request;
    }

    private static String scene(QrCodeRequest request) {
        return request.sceneStr() != null ? request.sceneStr() : Long.toString(request.sceneId());
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
