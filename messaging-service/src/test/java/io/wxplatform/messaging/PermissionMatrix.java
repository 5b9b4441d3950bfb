package io.wxplatform.messaging;

import static io.wxplatform.messaging.Conversation.DEADLINE;
import static io.wxplatform.messaging.Conversation.JSON;
import static io.wxplatform.messaging.Conversation.JSON_LIST;
import static io.wxplatform.messaging.Conversation.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.AccountEvent;
import io.wxplatform.events.EventRecords;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.wechat.api.AccountType;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.Permissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Mono;

/**
 * WeChat's permission table (libs/wechat-api {@code permissions.txt}, read through {@link Permissions}) against every
 * message API group messaging-service calls, for each kind of directly connected account: the declared type and
 * verification decide, per request, whether it goes on (and reaches the sandbox) or is refused with 403 {@code
 * WECHAT_PERMISSION} naming the type and the group, without any WeChat call of that group. The expectations come from
 * the table itself; the sandbox keeps WeChat's rules of its own, so a gate that is missing or names the wrong group
 * fails here (the sandbox answers 48001 or the call shows in its log). Run as {@code
 * CustomerServiceSendIT.PermissionMatrixOfWeChat}, in that class's Spring context (no context of its own).
 */
abstract class PermissionMatrix {

    private static final Map<String, Object> MENU =
            Map.of("buttons", List.of(Map.of("type", "click", "name", "Today", "key", "TODAY")));

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    /**
     * One request of messaging-service's REST API per message kind: the API group it needs, the prefix of the WeChat
     * APIs it calls in the sandbox's call log (null: it stores only), and the status it answers when allowed.
     */
    record Probe(
            String name,
            ApiGroup group,
            String wechatApis,
            HttpStatus allowedStatus,
            Function<Conversation, EntityExchangeResult<Map<String, Object>>> request) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Probe> PROBES = List.of(
            new Probe(
                    "customer-service send",
                    ApiGroup.CUSTOMER_SERVICE_MESSAGES,
                    "message/custom/send",
                    HttpStatus.ACCEPTED,
                    c -> c.post(text("o-matrix", "hello from the matrix"), null)),
            new Probe(
                    "typing indicator",
                    ApiGroup.CUSTOMER_SERVICE_MESSAGES,
                    "message/custom/typing",
                    HttpStatus.NO_CONTENT,
                    c -> exchange(
                            c, HttpMethod.POST, c.sends() + "/typing", Map.of("openId", "o-matrix", "typing", true))),
            new Probe(
                    "customer-service reply rule",
                    ApiGroup.CUSTOMER_SERVICE_MESSAGES,
                    null,
                    HttpStatus.CREATED,
                    c -> exchange(
                            c,
                            HttpMethod.POST,
                            account(c) + "/rules",
                            Map.of(
                                    "trigger", Map.of("type", "KEYWORD_EXACT", "keyword", "hours"),
                                    "reply", Map.of("type", "TEXT", "content", "9 to 5"),
                                    "delivery", "CUSTOMER_SERVICE"))),
            new Probe(
                    "template list",
                    ApiGroup.TEMPLATE_MESSAGES,
                    "template/get_all_private_template",
                    HttpStatus.OK,
                    c -> exchange(c, HttpMethod.GET, account(c) + "/templates", null)),
            new Probe(
                    "template industry",
                    ApiGroup.TEMPLATE_MESSAGES,
                    "template/get_industry",
                    HttpStatus.OK,
                    c -> exchange(c, HttpMethod.GET, account(c) + "/template-industry", null)),
            new Probe(
                    "template send",
                    ApiGroup.TEMPLATE_MESSAGES,
                    "message/template/send",
                    HttpStatus.ACCEPTED,
                    c -> exchange(
                            c,
                            HttpMethod.POST,
                            c.sends() + "/template",
                            Map.of(
                                    "openId", "o-matrix",
                                    "templateId", "tpl-matrix",
                                    "data", Map.of("thing1", Map.of("value", "matrix"))))),
            new Probe(
                    "menu",
                    ApiGroup.MENUS,
                    "menu/",
                    HttpStatus.OK,
                    c -> exchange(c, HttpMethod.PUT, account(c) + "/menu", MENU)),
            new Probe(
                    "materials",
                    ApiGroup.MATERIAL,
                    "material/",
                    HttpStatus.OK,
                    c -> exchange(c, HttpMethod.GET, account(c) + "/materials/count", null)),
            new Probe(
                    "drafts",
                    ApiGroup.MATERIAL,
                    "draft/",
                    HttpStatus.OK,
                    c -> exchange(c, HttpMethod.GET, account(c) + "/drafts/count", null)));

    /** The four columns of the table. */
    static Stream<Arguments> accountKinds() {
        return Stream.of(AccountType.values())
                .flatMap(type -> Stream.of(false, true).map(verified -> Arguments.of(type, verified)));
    }

    @ParameterizedTest(name = "{0} verified={1}")
    @MethodSource("io.wxplatform.messaging.PermissionMatrix#accountKinds")
    void eachMessageApiGroupIsAllowedOrRefusedBeforeAnyCallAsTheTableSays(AccountType type, boolean verified) {
        Conversation c = Conversation.with(TestAccount.register(type.name(), verified, type.name(), verified), port);
        c.followerWrites("o-matrix", "hello");
        Permissions table = Permissions.wechat();
        List<Probe> refused = new ArrayList<>();

        for (Probe probe : PROBES) {
            boolean allowed = table.allows(type, verified, probe.group());
            EntityExchangeResult<Map<String, Object>> answer =
                    allowed ? allowedAnswer(c, probe) : probe.request.apply(c);
            if (allowed) {
                assertThat(answer.getStatus()).as(probe.name()).isEqualTo(probe.allowedStatus());
            } else {
                refused.add(probe);
                assertThat(answer.getStatus()).as(probe.name()).isEqualTo(HttpStatus.FORBIDDEN);
                assertThat(answer.getResponseBody())
                        .as(probe.name())
                        .containsEntry("code", "WECHAT_PERMISSION")
                        .containsEntry("accountType", type.name())
                        .containsEntry("verified", verified)
                        .containsEntry("apiGroup", probe.group().name());
            }
        }

        // Every allowed call reached WeChat (the sends on their own, after the answer) ...
        for (Probe probe : PROBES) {
            if (probe.wechatApis() != null && table.allows(type, verified, probe.group())) {
                await().atMost(DEADLINE)
                        .alias(probe.name())
                        .until(() -> wechatCalls(c).stream().anyMatch(api -> api.startsWith(probe.wechatApis())));
            }
        }
        // ... and no refused one ever does (a send would go out after the answer, so watch for a while).
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> wechatCalls(c).stream()
                        .noneMatch(api -> refused.stream()
                                .anyMatch(probe -> probe.wechatApis() != null && api.startsWith(probe.wechatApis()))));
    }

    @Test
    void weChatsRefusalOfAWronglyDeclaredAccountIsRecordedOnTheAccount() {
        // Declared a verified service account (the table lets it send); WeChat knows an unverified subscription one.
        Conversation c = Conversation.with(TestAccount.register("SERVICE", true, "SUBSCRIPTION", false), port);
        c.followerWrites("o-matrix", "hello");

        Map<String, Object> accepted = c.sendAccepted(text("o-matrix", "hi"));

        Map<String, Object> failed = c.awaitStatus((String) accepted.get("id"), "FAILED");
        assertThat(failed).containsEntry("errcode", 48001).containsEntry("category", "PERMISSION");
        assertThat(failed.get("detail").toString()).contains("the declaration is wrong");
        // A synchronous pass-through refused the same way (menus) is recorded too, and the tenant sees both on its
        // account in token-service (token-client's withToken records every WeChat call's permission refusal).
        EntityExchangeResult<Map<String, Object>> menu = exchange(c, HttpMethod.PUT, account(c) + "/menu", MENU);
        assertThat(menu.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(menu.getResponseBody()).containsEntry("code", "WECHAT_ERROR").containsEntry("errcode", 48001);
        assertThat(refusalsOnTheAccount(c))
                .extracting(refused -> refused.get("apiGroup"))
                .containsExactlyInAnyOrder("CUSTOMER_SERVICE_MESSAGES", "MENUS");
    }

    /**
     * A component account whose owner did not grant the permission set of a group (func_info of
     * api_get_authorizer_info, as token-service announces it) is refused before any call; a granted group goes on.
     * The account is connected directly in token-service and the sandbox (so its calls work), and the notice a
     * component authorization would make (mode COMPONENT, permissions) is published on wx.account.v1 as token-service
     * does; messaging-service only ever sees that notice.
     */
    @Test
    void aComponentAccountMayCallOnlyTheGroupsWhosePermissionSetItsOwnerGranted() {
        Conversation c = Conversation.with(TestAccount.register(), port);
        // Menus (15) and messages (1) granted; mass sends and notifications (7), which template messages need, not.
        Inbound.send(EventRecords.account(new AccountEvent(
                AccountEvent.UPDATED,
                c.account().tenantId(),
                c.account().appId(),
                "COMPONENT",
                "ACTIVE",
                Instant.now().plusSeconds(1),
                "SERVICE",
                true,
                List.of(1, 15))));
        Probe templates = PROBES.stream()
                .filter(probe -> probe.name().equals("template list"))
                .findFirst()
                .orElseThrow();

        // Until the notice is stored, the account is a directly connected verified service account: wait for it.
        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Mono.from(database.getCollection("accounts")
                                .find(Filters.eq("_id", c.account().appId()))
                                .first())
                        .blockOptional(Duration.ofSeconds(10))
                        .map(account -> account.get("permissions") != null)
                        .orElse(false));

        EntityExchangeResult<Map<String, Object>> refused = templates.request().apply(c);
        assertThat(refused.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getResponseBody())
                .containsEntry("code", "WECHAT_PERMISSION")
                .containsEntry("accountType", "SERVICE")
                .containsEntry("apiGroup", "TEMPLATE_MESSAGES")
                .containsEntry("reason", "PERMISSION_SET_NOT_GRANTED")
                .containsEntry("permissionSets", List.of(7));
        assertThat((String) refused.getResponseBody().get("detail")).contains("not granted");
        EntityExchangeResult<Map<String, Object>> menu = exchange(c, HttpMethod.PUT, account(c) + "/menu", MENU);
        assertThat(menu.getStatus()).isEqualTo(HttpStatus.OK);

        await().atMost(DEADLINE).until(() -> wechatCalls(c).stream().anyMatch(api -> api.startsWith("menu/")));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> wechatCalls(c).stream().noneMatch(api -> api.startsWith("template/")));
    }

    /** What the tenant sees on its account in token-service: WeChat's permission refusals of any service's call. */
    private static List<Map<String, Object>> refusalsOnTheAccount(Conversation c) {
        return await().atMost(DEADLINE)
                .until(
                        () -> c.account()
                                .adminClient(RealDependencies.tokenServiceUrl())
                                .get()
                                .uri(
                                        "/api/v1/tenants/{t}/accounts/{a}/permission-refusals",
                                        c.account().tenantId(),
                                        c.account().appId())
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody(JSON_LIST)
                                .returnResult()
                                .getResponseBody(),
                        refusals -> refusals.size() == 2);
    }

    /**
     * The answer of an allowed request. A customer-service send (and typing) is only possible once the follower's
     * message reached messaging-service; until then it is 409 OUTSIDE_WINDOW, which calls nobody.
     */
    private static EntityExchangeResult<Map<String, Object>> allowedAnswer(Conversation c, Probe probe) {
        if (probe.group() != ApiGroup.CUSTOMER_SERVICE_MESSAGES) {
            return probe.request().apply(c);
        }
        return await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> probe.request().apply(c), answer -> answer.getStatus() != HttpStatus.CONFLICT);
    }

    private static String account(Conversation c) {
        return "/api/v1/tenants/" + c.account().tenantId() + "/accounts/"
                + c.account().appId();
    }

    private static EntityExchangeResult<Map<String, Object>> exchange(
            Conversation c, HttpMethod method, String uri, Object body) {
        var request = c.messaging().method(method).uri(uri);
        var sent = body == null ? request.exchange() : request.bodyValue(body).exchange();
        return sent.expectBody(JSON).returnResult();
    }

    /** The WeChat APIs the sandbox saw called for the account, token calls aside. */
    private static List<String> wechatCalls(Conversation c) {
        return c
                .sandbox()
                .get()
                .uri("/sandbox/accounts/{a}/api-calls", c.account().appId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_LIST)
                .returnResult()
                .getResponseBody()
                .stream()
                .map(call -> String.valueOf(call.get("api")))
                .toList();
    }
}
