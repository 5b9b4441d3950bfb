package io.wxplatform.bench.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.wxplatform.bench.bare.BareEndpoint;
import io.wxplatform.testkit.process.Spec;

/** The bare endpoint as its own JVM, with the same JVM flags as the services, from the benchmark's classpath. */
final class BareBaseline implements AutoCloseable {

    private final Process process;
    private final int port;

    private BareBaseline(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static BareBaseline start(int port, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Spec.SMALL_FOOTPRINT);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BareEndpoint.class.getName(),
                "--server.port=" + port));
        try {
            return new BareBaseline(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logDir.resolve("bare-endpoint-" + port + ".log").toFile()).start(), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
