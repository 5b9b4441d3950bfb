package io.wxplatform.messaging.template;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.TemplateIndustry;
import io.wxplatform.wechat.api.WeChatClient;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The account's template messages setup: its templates (listed from WeChat and stored, added from WeChat's library,
 * deleted), its industries, and the daily delivery summary of a template. Every WeChat call passes the permission
 * table first (template messages: verified service accounts only).
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}")
class TemplatesController {

    /** Longest summary asked for at once. */
    static final int MAX_SUMMARY_DAYS = 366;

    private final WeChatAccounts accounts;
    private final WeChatClient wechat;
    private final TokenClient tokens;
    private final MessageTemplates templates;
    private final TemplateDeliveries deliveries;
    private final Clock clock;

    TemplatesController(
            WeChatAccounts accounts,
            WeChatClient wechat,
            TokenClient tokens,
            MessageTemplates templates,
            TemplateDeliveries deliveries,
            Clock clock) {
        this.accounts = accounts;
        this.wechat = wechat;
        this.tokens = tokens;
        this.templates = templates;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** The account's templates, synchronised from WeChat first. */
    @GetMapping("/templates")
    Mono<Map<String, Object>> list(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.TEMPLATE_MESSAGES))
                .then(sync(tenantId, appId))
                .then(templates.list(tenantId, appId).collectList())
                .map(list -> Map.of("appId", appId, "templates", list));
    }

    /** {@code {shortId, keywordNames: [...]}}: a template from WeChat's library. */
    record AddRequest(String shortId, List<String> keywordNames) {}

    @PostMapping("/templates")
    Mono<ResponseEntity<MessageTemplates.Template>> add(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody AddRequest request) {
        if (request.shortId() == null || request.shortId().isBlank()) {
            return Mono.error(ApiException.validation(Map.of("shortId", "is required")));
        }
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.TEMPLATE_MESSAGES))
                .then(tokens.withToken(
                        appId,
                        token -> wechat.templates().add(appId, token, request.shortId(), request.keywordNames())))
                .flatMap(templateId -> sync(tenantId, appId)
                        .then(templates
                                .list(tenantId, appId)
                                .filter(template -> template.templateId().equals(templateId))
                                .next()))
                .map(template -> ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/accounts/" + appId
                                + "/templates/" + template.templateId()))
                        .body(template));
    }

    @DeleteMapping("/templates/{templateId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String templateId) {
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.TEMPLATE_MESSAGES))
                .then(tokens.withToken(appId, token -> wechat.templates().delete(appId, token, templateId)))
                .then(templates.delete(appId, templateId));
    }

    @GetMapping("/template-industry")
    Mono<TemplateIndustry> industry(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.TEMPLATE_MESSAGES))
                .then(tokens.withToken(appId, token -> wechat.templates().industry(appId, token)));
    }

    /** {@code {primaryId, secondaryId}}: WeChat's industry ids. */
    record IndustryRequest(Integer primaryId, Integer secondaryId) {}

    @PutMapping("/template-industry")
    Mono<TemplateIndustry> setIndustry(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody IndustryRequest request) {
        if (request.primaryId() == null || request.secondaryId() == null) {
            return Mono.error(ApiException.validation(Map.of("primaryId", "and secondaryId are required")));
        }
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.TEMPLATE_MESSAGES))
                .then(tokens.withToken(
                        appId,
                        token -> wechat.templates()
                                .setIndustry(appId, token, request.primaryId(), request.secondaryId())
                                .then(wechat.templates().industry(appId, token))));
    }

    /** Per day (UTC, of the sends' acceptance) from {@code from} to {@code to} (default: the last 7 days). */
    @GetMapping("/templates/{templateId}/deliveries")
    Mono<Map<String, Object>> deliveries(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @PathVariable String templateId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        LocalDate last = to == null ? LocalDate.now(clock) : date("to", to);
        LocalDate first = from == null ? last.minusDays(6) : date("from", from);
        if (first.isAfter(last) || first.plusDays(MAX_SUMMARY_DAYS).isBefore(last)) {
            return Mono.error(ApiException.validation(
                    Map.of("from", "must be on or before to, at most " + MAX_SUMMARY_DAYS + " days apart")));
        }
        return TenantAccess.read(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(deliveries.days(tenantId, appId, templateId, first, last).collectList())
                .map(days -> Map.of(
                        "templateId", templateId, "from", first.toString(), "to", last.toString(), "days", days));
    }

    private Mono<Void> sync(String tenantId, String appId) {
        return tokens.withToken(appId, token -> wechat.templates().list(appId, token))
                .flatMap(list -> templates.replace(tenantId, appId, list, clock.instant()));
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(Map.of(name, "must be a date (yyyy-MM-dd)"));
        }
    }
}
