package io.wxplatform.testkit.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** A throw-away project root holding one module whose executable jar runs {@link FakeService}. */
final class FakeProject {

    static final String MODULE = "fake-service";

    private FakeProject() {}

    static Path create(Path dir, boolean withJar) throws IOException {
        Files.writeString(dir.resolve("mvnw"), "#!/bin/sh\n");
        Files.writeString(dir.resolve("pom.xml"), "<project><artifactId>wxplatform-parent</artifactId></project>");
        Path target = Files.createDirectories(dir.resolve(MODULE).resolve("target"));
        if (withJar) {
            writeJar(target.resolve(MODULE + "-0.1.0-SNAPSHOT-exec.jar"));
        }
        return dir;
    }

    private static void writeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream classBytes = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classBytes.transferTo(out);
            out.closeEntry();
        }
    }
}
