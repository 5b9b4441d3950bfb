package io.wxplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsing every manifest test relies on refuses what Kubernetes would silently ignore or reject. */
class StrictParsingTest {

    @TempDir
    Path dir;

    @Test
    void aMisspelledFieldFailsNamingWhereItIs() throws IOException {
        Path file = Files.writeString(dir.resolve("deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                spec:
                  template:
                    spec:
                      containers:
                        - name: typo
                          readinesProbe:
                            httpGet:
                              path: /actuator/health/readiness
                              port: http
                """);
        assertThatThrownBy(() -> Manifests.read(file))
                .hasMessageContaining("unknown field(s) [readinesProbe]")
                .hasMessageContaining("Containers[0]");
    }

    @Test
    void anUnknownKindFails() throws IOException {
        Path file = Files.writeString(dir.resolve("x.yaml"), """
                apiVersion: example.com/v1
                kind: Whatever
                metadata:
                  name: x
                """);
        assertThatThrownBy(() -> Manifests.read(file)).hasMessageContaining("unexpected resource type");
    }

    @Test
    void aWellFormedManifestParses() throws IOException {
        Path file = Files.writeString(dir.resolve("sa.yaml"), """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: fine
                automountServiceAccountToken: false
                """);
        assertThat(Manifests.read(file))
                .singleElement()
                .satisfies(m -> assertThat(m.name()).isEqualTo("fine"));
    }
}
