package io.wxplatform.bench.callback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.wxplatform.bench.bare.BareEndpoint;
import io.wxplatform.testkit.process.Spec;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/** Baseline (c) as its own JVM, with the same JVM flags as the services, from the benchmark's classpath. */
final class BareProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private BareProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static BareProcess start(int port, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Spec.SMALL_FOOTPRINT);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BareEndpoint.class.getName(),
                "--server.port=" + port));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logDir.resolve("bare-endpoint-" + port + ".log").toFile())
                    .start();
            return new BareProcess(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Completes once the endpoint answers {@code success}. */
    Mono<Void> ready(Duration timeout) {
        return HttpClient.create().baseUrl(baseUrl()).post().uri("/wx/ready/callback")
                .send(ByteBufMono.fromString(Mono.just("<xml/>")))
                .responseSingle((response, body) -> body.asString())
                .filter("success"::equals)
                .switchIfEmpty(Mono.error(new IllegalStateException("baseline not ready")))
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofMillis(500))
                        .filter(e -> process.isAlive()))
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
