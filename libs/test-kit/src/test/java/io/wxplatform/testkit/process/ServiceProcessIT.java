package io.wxplatform.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessIT {

    @TempDir
    Path dir;

    @Test
    void aStartedServiceIsHealthyUntilClosed() throws Exception {
        Path root = FakeProject.create(dir, true);
        Spec spec = Spec.of(FakeProject.MODULE, Map.of("greeting", "hello")).withEnv(Map.of("FAKE_ENV", "set"));

        ServiceProcess service = ServiceProcess.start(spec, root);
        try {
            assertThat(status(service.baseUrl() + "/actuator/health")).isEqualTo(200);
            assertThat(service.logFile())
                    .isEqualTo(
                            root.resolve("fake-service/target/process-logs/fake-service-" + service.port() + ".log"));
            assertThat(Files.readString(service.logFile()))
                    .contains("-XX:+UseSerialGC", "-Xmx384m", "--greeting=hello", "FAKE_ENV=set");
        } finally {
            service.close();
        }
        assertThat(service.isAlive()).isFalse();
    }

    @Test
    void servicesStartInParallelOnDistinctPorts() throws Exception {
        Path root = FakeProject.create(dir, true);
        Spec spec = Spec.of(FakeProject.MODULE, Map.of());

        List<ServiceProcess> services = ServiceProcess.startAll(List.of(spec, spec), root);
        try {
            assertThat(services).extracting(ServiceProcess::port).doesNotHaveDuplicates();
            for (ServiceProcess service : services) {
                assertThat(status(service.baseUrl() + "/actuator/health")).isEqualTo(200);
            }
        } finally {
            services.forEach(ServiceProcess::close);
        }
    }

    @Test
    void oneFailingServiceStopsTheOthersStartedWithIt() throws Exception {
        Path root = FakeProject.create(dir, true);
        Spec healthy = Spec.of(FakeProject.MODULE, Map.of());
        Spec failing = Spec.of(FakeProject.MODULE, Map.of("fail", "bad config"));

        assertThatThrownBy(() -> ServiceProcess.startAll(List.of(healthy, failing), root))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("bad config");
        assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains(root.toString()))
                        .filter(ProcessHandle::isAlive))
                .isEmpty();
    }

    @Test
    void aServiceThatDiesDuringStartUpFailsWithTheEndOfItsLog() throws Exception {
        Path root = FakeProject.create(dir, true);
        Spec spec = Spec.of(FakeProject.MODULE, Map.of("fail", "no database"));

        assertThatThrownBy(() -> ServiceProcess.start(spec, root))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("exited with 3")
                .hasMessageContaining("failing on purpose: no database");
    }

    @Test
    void aServiceThatNeverBecomesHealthyTimesOut() throws Exception {
        Path root = FakeProject.create(dir, true);
        Spec spec = Spec.of(FakeProject.MODULE, Map.of()).withHealthTimeout(Duration.ofMillis(1));

        assertThatThrownBy(() -> ServiceProcess.start(spec, root))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("did not answer 200 within");
    }

    private static int status(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
