package io.wxplatform.wechat.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * WeChat's interface permission table, read from {@code permissions.txt} beside this class: which API groups an
 * account of a given type and verification may call. {@link #require} is the one check made before any WeChat call.
 */
public final class Permissions {

    private static final String RESOURCE = "permissions.txt";
    private static final Permissions WECHAT = load();

    /** Per group, the columns allowed: index 0 unverified subscription … 3 verified service. */
    private final Map<ApiGroup, boolean[]> table;

    private Permissions(Map<ApiGroup, boolean[]> table) {
        this.table = table;
    }

    /** WeChat's current table. */
    public static Permissions wechat() {
        return WECHAT;
    }

    public boolean allows(AccountType type, boolean verified, ApiGroup group) {
        return table.get(group)[column(type, verified)];
    }

    /** The groups such an account may call. */
    public Set<ApiGroup> allowed(AccountType type, boolean verified) {
        Set<ApiGroup> groups = EnumSet.noneOf(ApiGroup.class);
        table.forEach((group, columns) -> {
            if (columns[column(type, verified)]) {
                groups.add(group);
            }
        });
        return groups;
    }

    /** Throws {@link WeChatPermissionException} when the account may not call the group. */
    public void require(String appId, AccountType type, boolean verified, ApiGroup group) {
        if (!allows(type, verified, group)) {
            throw new WeChatPermissionException(appId, type, verified, group);
        }
    }

    /**
     * As {@link #require}, then for a component account (its granted func_info ids known, else null) that the owner
     * granted the platform a permission set of the group ({@link PermissionSets}).
     */
    public void require(
            String appId, AccountType type, boolean verified, ApiGroup group, Collection<Integer> grantedSets) {
        require(appId, type, verified, group);
        if (grantedSets != null && !PermissionSets.wechat().granted(group, grantedSets)) {
            throw new WeChatPermissionException(
                    appId, type, verified, group, PermissionSets.wechat().of(group));
        }
    }

    private static int column(AccountType type, boolean verified) {
        return (type == AccountType.SERVICE ? 2 : 0) + (verified ? 1 : 0);
    }

    static Permissions parse(InputStream in) throws IOException {
        Map<ApiGroup, boolean[]> table = new EnumMap<>(ApiGroup.class);
        for (DataTable.Row row : DataTable.rows(RESOURCE, in)) {
            String[] cells = row.cells();
            if (cells.length != 5) {
                throw row.error("expected a group and 4 columns");
            }
            ApiGroup group = ApiGroup.valueOf(cells[0]);
            boolean[] columns = new boolean[4];
            for (int i = 0; i < 4; i++) {
                columns[i] = switch (cells[i + 1]) {
                    case "yes" -> true;
                    case "no" -> false;
                    default -> throw row.error("yes or no expected");
                };
            }
            if (table.put(group, columns) != null) {
                throw row.error(group + " listed twice");
            }
        }
        DataTable.requireEveryGroup(RESOURCE, table.keySet());
        return new Permissions(table);
    }

    private static Permissions load() {
        try (InputStream in = Permissions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
