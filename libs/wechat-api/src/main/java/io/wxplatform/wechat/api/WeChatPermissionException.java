package io.wxplatform.wechat.api;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * WeChat's permission table forbids the call, or the owner of a component account did not grant the platform the
 * permission set the API group needs, so it was not made. Renders as 403 problem+json with code {@value #CODE},
 * naming the account type, its verification and the API group; for a set not granted also {@code permissionSets}
 * (the func_info ids any one of which would do) and {@code reason: PERMISSION_SET_NOT_GRANTED}.
 */
public class WeChatPermissionException extends RuntimeException implements ErrorResponse {

    public static final String CODE = "WECHAT_PERMISSION";

    private final String appId;
    private final AccountType accountType;
    private final boolean verified;
    private final ApiGroup group;
    /** The permission sets not granted; empty when the table itself forbids the group. */
    private final List<Integer> permissionSets;

    public WeChatPermissionException(String appId, AccountType accountType, boolean verified, ApiGroup group) {
        this(
                "A " + kind(accountType, verified) + " account may not call WeChat's " + group + " interfaces",
                appId,
                accountType,
                verified,
                group,
                List.of());
    }

    /** The owner of a component account did not grant the platform any of {@code permissionSets}. */
    public WeChatPermissionException(
            String appId, AccountType accountType, boolean verified, ApiGroup group, Set<Integer> permissionSets) {
        this(
                "The owner of this " + kind(accountType, verified) + " account did not grant the platform WeChat's"
                        + " permission set " + permissionSets.stream().sorted().toList() + " needed for its " + group
                        + " interfaces: the permission set was not granted (authorize again granting it)",
                appId,
                accountType,
                verified,
                group,
                permissionSets.stream().sorted().toList());
    }

    private WeChatPermissionException(
            String message,
            String appId,
            AccountType accountType,
            boolean verified,
            ApiGroup group,
            List<Integer> permissionSets) {
        super(message);
        this.appId = appId;
        this.accountType = accountType;
        this.verified = verified;
        this.group = group;
        this.permissionSets = permissionSets;
    }

    private static String kind(AccountType accountType, boolean verified) {
        return (verified ? "verified " : "unverified ") + accountType.name().toLowerCase(Locale.ROOT);
    }

    public String appId() {
        return appId;
    }

    public AccountType accountType() {
        return accountType;
    }

    public boolean verified() {
        return verified;
    }

    public ApiGroup group() {
        return group;
    }

    /** The permission sets the owner did not grant; empty when the table itself forbids the group. */
    public List<Integer> permissionSets() {
        return permissionSets;
    }

    @Override
    public HttpStatusCode getStatusCode() {
        return HttpStatus.FORBIDDEN;
    }

    @Override
    public ProblemDetail getBody() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, getMessage());
        problem.setProperty("code", CODE);
        problem.setProperty("appId", appId);
        problem.setProperty("accountType", accountType.name());
        problem.setProperty("verified", verified);
        problem.setProperty("apiGroup", group.name());
        if (!permissionSets.isEmpty()) {
            problem.setProperty("reason", "PERMISSION_SET_NOT_GRANTED");
            problem.setProperty("permissionSets", permissionSets);
        }
        return problem;
    }
}
