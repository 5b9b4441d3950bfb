package io.wxplatform.bench.bare;

import io.wxplatform.bench.BenchJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/** The bare baseline endpoint as its own JVM, with the same JVM flags as the services, from the benchmark's classpath. */
public final class BareProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private BareProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static BareProcess start(int port, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(BenchJvm.FLAGS);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), BareEndpoint.class.getName(), "--server.port=" + port));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(
                            logDir.resolve("bare-endpoint-" + port + ".log").toFile())
                    .start();
            return new BareProcess(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The operating system's handle on the process, e.g. for its CPU time. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Completes once the endpoint answers {@code success}. */
    public Mono<Void> ready(Duration timeout) {
        return HttpClient.create()
                .baseUrl(baseUrl())
                .post()
                .uri("/wx/ready/callback")
                .send(ByteBufMono.fromString(Mono.just("<xml/>")))
                .responseSingle((response, body) -> body.asString())
                .filter("success"::equals)
                .switchIfEmpty(Mono.error(new IllegalStateException("baseline not ready")))
                .retryWhen(
                        Retry.fixedDelay(Long.MAX_VALUE, Duration.ofMillis(500)).filter(e -> process.isAlive()))
                .timeout(timeout)
                .then();
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
