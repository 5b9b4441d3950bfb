package io.wxplatform.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void startingAModuleThatWasNotPackagedExplainsWhatToRun() throws Exception {
        Path root = FakeProject.create(dir, false);

        assertThatThrownBy(() -> ServiceProcess.start(Spec.of(FakeProject.MODULE, Map.of()), root))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("run ./mvnw -pl fake-service package first");
    }

    @Test
    void theCommandRunsTheExecutableJarWithSmallFootprintFlagsAndPropertiesAsArguments() throws Exception {
        Path root = FakeProject.create(dir, true);
        Spec spec = Spec.of(FakeProject.MODULE, Map.of("wxplatform.mongodb.uri", "mongodb://127.0.0.1:1"));

        ProcessBuilder builder = ServiceProcess.processBuilder(spec, root, 18080);

        assertThat(builder.command())
                .containsSubsequence("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx384m", "-jar")
                .contains("--server.port=18080", "--wxplatform.mongodb.uri=mongodb://127.0.0.1:1")
                .anyMatch(arg -> arg.endsWith("fake-service-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(builder.redirectOutput().file().toPath())
                .isEqualTo(root.resolve("fake-service/target/process-logs/fake-service-18080.log"));
    }

    @Test
    void theProjectRootIsFoundFromInsideAModule() {
        Path root = ProjectRoot.findFrom(Path.of("").toAbsolutePath());

        assertThat(root.resolve("mvnw")).exists();
        assertThat(root.resolve("libs/test-kit")).isDirectory();
    }

    @Test
    void aDirectoryOutsideTheProjectHasNoRoot() {
        assertThat(Files.exists(dir.resolve("mvnw"))).isFalse();
        assertThatThrownBy(() -> ProjectRoot.findFrom(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No wxplatform project root");
    }
}
