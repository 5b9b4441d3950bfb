package io.wxplatform.wechat.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a component (third-party platform) account's owner must grant for each API group, read from
 * {@code permission-sets.txt} beside this class: the permission sets (func_info ids of api_get_authorizer_info) of
 * the group, and the WeChat API paths that belong to it (so a refusal of a call can be put in its group).
 */
public final class PermissionSets {

    private static final String RESOURCE = "permission-sets.txt";
    private static final PermissionSets WECHAT = load();

    private final Map<ApiGroup, Set<Integer>> sets;
    /** API path prefix → group. */
    private final TreeMap<String, ApiGroup> paths;

    private PermissionSets(Map<ApiGroup, Set<Integer>> sets, TreeMap<String, ApiGroup> paths) {
        this.sets = sets;
        this.paths = paths;
    }

    /** WeChat's current list. */
    public static PermissionSets wechat() {
        return WECHAT;
    }

    /** The permission sets any one of which lets a component account call the group; empty when none is known. */
    public Set<Integer> of(ApiGroup group) {
        return sets.get(group);
    }

    /** Whether the granted func_info ids cover the group (always, for a group that needs no known set). */
    public boolean granted(ApiGroup group, Collection<Integer> granted) {
        Set<Integer> needed = of(group);
        return needed.isEmpty() || needed.stream().anyMatch(granted::contains);
    }

    /** The group of a WeChat API path ({@code /cgi-bin/menu/create} → MENUS), by its longest listed prefix. */
    public Optional<ApiGroup> groupOf(String apiPath) {
        if (apiPath == null) {
            return Optional.empty();
        }
        // A prefix of the path sorts at or before it, and a longer prefix after a shorter one.
        for (Map.Entry<String, ApiGroup> entry = paths.floorEntry(apiPath);
                entry != null;
                entry = paths.lowerEntry(entry.getKey())) {
            if (apiPath.startsWith(entry.getKey())) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    static PermissionSets parse(InputStream in) throws IOException {
        Map<ApiGroup, Set<Integer>> sets = new EnumMap<>(ApiGroup.class);
        TreeMap<String, ApiGroup> paths = new TreeMap<>();
        for (DataTable.Row row : DataTable.rows(RESOURCE, in)) {
            String[] cells = row.cells();
            if (cells.length < 3) {
                throw row.error("expected a group, sets and paths");
            }
            ApiGroup group = ApiGroup.valueOf(cells[0]);
            Set<Integer> ids = new LinkedHashSet<>();
            if (!cells[1].equals("-")) {
                for (String id : cells[1].split(",")) {
                    ids.add(Integer.parseInt(id));
                }
            }
            if (sets.put(group, Set.copyOf(ids)) != null) {
                throw row.error(group + " listed twice");
            }
            for (int i = 2; i < cells.length; i++) {
                if (!cells[i].equals("-") && paths.put(cells[i], group) != null) {
                    throw row.error(cells[i] + " listed twice");
                }
            }
        }
        DataTable.requireEveryGroup(RESOURCE, sets.keySet());
        return new PermissionSets(sets, paths);
    }

    private static PermissionSets load() {
        try (InputStream in = PermissionSets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
