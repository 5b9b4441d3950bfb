package io.wxplatform.testkit.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The file a service's stdout and stderr go to. */
public record ServiceLog(Path file) {

    public static final int TAIL_LINES = 60;

    /** The last lines, for error messages; a log that cannot be read says so instead. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(
                    System.lineSeparator(), lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log " + file + " unreadable: " + e.getMessage() + ")";
        }
    }
}
