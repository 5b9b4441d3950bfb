package io.wxplatform.wechat.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of one of this library's whitespace-separated data files ({@code permissions.txt},
 * {@code permission-sets.txt}): one per API group, comments ({@code #}) and blank lines left out.
 */
final class DataTable {

    private DataTable() {}

    /** A row's cells and where it stands, for errors that name the line. */
    record Row(String resource, int lineNumber, String[] cells) {

        IllegalStateException error(String message) {
            return new IllegalStateException(resource + ":" + lineNumber + ": " + message);
        }
    }

    static List<Row> rows(String resource, InputStream in) throws IOException {
        List<Row> rows = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            String row = line.strip();
            if (!row.isEmpty() && !row.startsWith("#")) {
                rows.add(new Row(resource, lineNumber, row.split("\\s+")));
            }
        }
        return rows;
    }

    /** Fails unless every API group has a row. */
    static void requireEveryGroup(String resource, Set<ApiGroup> listed) {
        Set<ApiGroup> missing =
                listed.isEmpty() ? EnumSet.allOf(ApiGroup.class) : EnumSet.complementOf(EnumSet.copyOf(listed));
        if (!missing.isEmpty()) {
            throw new IllegalStateException(resource + " has no row for " + missing);
        }
    }
}
