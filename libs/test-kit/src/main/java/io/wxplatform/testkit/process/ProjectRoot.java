package io.wxplatform.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the wxplatform checkout: the directory holding {@code mvnw} and the {@code wxplatform-parent} pom. */
public final class ProjectRoot {

    /** Overrides the search, e.g. when a launcher runs outside the checkout. */
    public static final String PROPERTY = "wxplatform.project.root";

    private ProjectRoot() {}

    /** The root named by {@value #PROPERTY}, else the first match walking up from {@code user.dir}. */
    public static Path find() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (!isRoot(root)) {
                throw new IllegalStateException(PROPERTY + "=" + configured + " is not the wxplatform project root");
            }
            return root;
        }
        return findFrom(Path.of(System.getProperty("user.dir")));
    }

    public static Path findFrom(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("No wxplatform project root (a directory with mvnw and the wxplatform-parent"
                + " pom.xml) above " + start.toAbsolutePath());
    }

    private static boolean isRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(dir.resolve("mvnw")) || !Files.isRegularFile(pom)) {
            return false;
        }
        try {
            return Files.readString(pom).contains("<artifactId>wxplatform-parent</artifactId>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
