package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** WeChat's permission table (wechat-protocol.md §5), every group for each of the four kinds of account. */
class PermissionsTest {

    private static final Set<ApiGroup> EVERYONE =
            EnumSet.of(ApiGroup.ACCESS_TOKEN, ApiGroup.RECEIVE_MESSAGES, ApiGroup.JSSDK_BASIC);
    private static final Set<ApiGroup> VERIFIED = EnumSet.of(
            ApiGroup.CUSTOMER_SERVICE_MESSAGES,
            ApiGroup.MASS_SEND,
            ApiGroup.ONE_TIME_SUBSCRIPTION_MESSAGES,
            ApiGroup.USER_TAGS,
            ApiGroup.USER_REMARKS,
            ApiGroup.USER_INFO,
            ApiGroup.FOLLOWER_LIST,
            ApiGroup.MATERIAL,
            ApiGroup.INVOICES,
            ApiGroup.JSSDK_SHARING,
            ApiGroup.CARDS,
            ApiGroup.ANALYTICS);
    private static final Set<ApiGroup> VERIFIED_SERVICE = EnumSet.of(
            ApiGroup.TEMPLATE_MESSAGES,
            ApiGroup.MASS_SEND_BY_OPENID,
            ApiGroup.USER_LOCATION,
            ApiGroup.OAUTH_WEB_AUTHORIZATION,
            ApiGroup.QR_CODES,
            ApiGroup.SHORT_LINKS,
            ApiGroup.SEMANTIC_UNDERSTANDING,
            ApiGroup.CUSTOMER_SERVICE_MANAGEMENT,
            ApiGroup.PAYMENTS,
            ApiGroup.STORE,
            ApiGroup.DEVICES);

    private final Permissions permissions = Permissions.wechat();

    @Test
    void anUnverifiedSubscriptionAccountMayOnlyReceiveAndUseBasicJsSdk() {
        assertThat(permissions.allowed(AccountType.SUBSCRIPTION, false)).isEqualTo(EVERYONE);
    }

    @Test
    void aVerifiedSubscriptionAccountGainsTheVerifiedGroupsAndMenus() {
        assertThat(permissions.allowed(AccountType.SUBSCRIPTION, true))
                .isEqualTo(union(EVERYONE, VERIFIED, EnumSet.of(ApiGroup.MENUS)));
    }

    @Test
    void anUnverifiedServiceAccountGainsOnlyMenus() {
        assertThat(permissions.allowed(AccountType.SERVICE, false))
                .isEqualTo(union(EVERYONE, EnumSet.of(ApiGroup.MENUS)));
    }

    @Test
    void aVerifiedServiceAccountMayCallEverything() {
        assertThat(permissions.allowed(AccountType.SERVICE, true)).isEqualTo(EnumSet.allOf(ApiGroup.class));
    }

    @ParameterizedTest
    @EnumSource(ApiGroup.class)
    void everyGroupIsClassifiedExactlyOnceByTheseExpectations(ApiGroup group) {
        int homes = (EVERYONE.contains(group) ? 1 : 0)
                + (VERIFIED.contains(group) ? 1 : 0)
                + (VERIFIED_SERVICE.contains(group) ? 1 : 0)
                + (group == ApiGroup.MENUS ? 1 : 0);
        assertThat(homes).as(group.name()).isEqualTo(1);
    }

    @Test
    void aRefusalNamesTheAccountTypeItsVerificationAndTheGroupAsA403Problem() {
        assertThatThrownBy(() -> permissions.require("wx1", AccountType.SUBSCRIPTION, true, ApiGroup.QR_CODES))
                .isInstanceOfSatisfying(WeChatPermissionException.class, refused -> {
                    assertThat(refused.getStatusCode().value()).isEqualTo(403);
                    assertThat(refused.getBody().getProperties())
                            .containsEntry("code", "WECHAT_PERMISSION")
                            .containsEntry("accountType", "SUBSCRIPTION")
                            .containsEntry("verified", true)
                            .containsEntry("apiGroup", "QR_CODES")
                            .containsEntry("appId", "wx1");
                    assertThat(refused.getMessage()).contains("verified subscription", "QR_CODES");
                });
        assertThatCode(() -> permissions.require("wx1", AccountType.SERVICE, true, ApiGroup.QR_CODES))
                .doesNotThrowAnyException();
    }

    @Test
    void aTableMissingAGroupIsRefusedWhenRead() {
        String table = "ACCESS_TOKEN yes yes yes yes\n";
        assertThatThrownBy(() -> Permissions.parse(stream(table)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no row for")
                .hasMessageContaining("MENUS");
    }

    @Test
    void aCellOtherThanYesOrNoIsRefusedWithItsLine() {
        assertThatThrownBy(() -> Permissions.parse(stream("# c\nACCESS_TOKEN yes maybe yes yes\n")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(":2:");
    }

    @Test
    void accountTypesFromAuthorizerInfoAndFromNames() {
        assertThat(AccountType.ofServiceTypeId(0)).isEqualTo(AccountType.SUBSCRIPTION);
        assertThat(AccountType.ofServiceTypeId(1)).isEqualTo(AccountType.SUBSCRIPTION);
        assertThat(AccountType.ofServiceTypeId(2)).isEqualTo(AccountType.SERVICE);
        assertThat(AccountType.parse("service")).isEqualTo(AccountType.SERVICE);
        assertThat(AccountType.parse("other")).isNull();
        assertThat(AccountType.parse(null)).isNull();
    }

    @SafeVarargs
    private static Set<ApiGroup> union(Set<ApiGroup>... sets) {
        Set<ApiGroup> all = EnumSet.noneOf(ApiGroup.class);
        for (Set<ApiGroup> set : sets) {
            all.addAll(set);
        }
        return all;
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aComponentAccountMayCallAGroupOnlyWhenItsOwnerGrantedOneOfItsPermissionSets() {
        assertThatCode(() -> permissions.require(
                        "wx1", AccountType.SERVICE, true, ApiGroup.TEMPLATE_MESSAGES, List.of(1, 7)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> permissions.require(
                        "wx1", AccountType.SERVICE, true, ApiGroup.TEMPLATE_MESSAGES, List.of(1, 2, 15)))
                .isInstanceOfSatisfying(WeChatPermissionException.class, refused -> {
                    assertThat(refused.permissionSets()).containsExactly(7);
                    assertThat(refused.getBody().getProperties())
                            .containsEntry("code", "WECHAT_PERMISSION")
                            .containsEntry("accountType", "SERVICE")
                            .containsEntry("apiGroup", "TEMPLATE_MESSAGES")
                            .containsEntry("reason", "PERMISSION_SET_NOT_GRANTED");
                    assertThat(refused.getMessage()).contains("permission set [7]", "not granted");
                });
        // Direct accounts (granted sets unknown) are judged by the table alone.
        assertThatCode(() -> permissions.require("wx1", AccountType.SERVICE, true, ApiGroup.MENUS, null))
                .doesNotThrowAnyException();
    }

    @Test
    void theTableGoesFirstForComponentAccountsToo() {
        assertThatThrownBy(() -> permissions.require(
                        "wx1", AccountType.SUBSCRIPTION, true, ApiGroup.TEMPLATE_MESSAGES, List.of(7)))
                .isInstanceOfSatisfying(
                        WeChatPermissionException.class,
                        refused -> assertThat(refused.permissionSets()).isEmpty());
    }

    @Test
    void aWeChatApiPathBelongsToTheGroupOfItsLongestListedPrefix() {
        PermissionSets sets = PermissionSets.wechat();
        assertThat(sets.groupOf("/cgi-bin/menu/create")).contains(ApiGroup.MENUS);
        assertThat(sets.groupOf("/cgi-bin/message/mass/sendall")).contains(ApiGroup.MASS_SEND);
        assertThat(sets.groupOf("/cgi-bin/message/mass/send")).contains(ApiGroup.MASS_SEND_BY_OPENID);
        assertThat(sets.groupOf("/cgi-bin/message/mass/preview")).contains(ApiGroup.MASS_SEND);
        assertThat(sets.groupOf("/cgi-bin/user/info/updateremark")).contains(ApiGroup.USER_REMARKS);
        assertThat(sets.groupOf("/cgi-bin/user/info/batchget")).contains(ApiGroup.USER_INFO);
        assertThat(sets.groupOf("/customservice/kfaccount/add")).contains(ApiGroup.CUSTOMER_SERVICE_MANAGEMENT);
        assertThat(sets.groupOf("/unknown/api")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ApiGroup.class)
    void everyGroupSaysWhichPermissionSetsItNeeds(ApiGroup group) {
        assertThat(PermissionSets.wechat().of(group)).as(group.name()).isNotNull();
    }
}
