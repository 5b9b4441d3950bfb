package io.wxplatform.bench.wxjava;

import io.wxplatform.bench.BenchJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/** The WxJava peer as its own JVM, with the same JVM flags as the services, from the benchmark's classpath. */
public final class WxJavaProcess implements AutoCloseable {

    /** One account of the peer: what WxJava's config storage needs. */
    public record PeerAccount(String appId, String secret, String token, String encodingAesKey) {}

    private final Process process;
    private final int port;

    private WxJavaProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static WxJavaProcess start(int port, List<PeerAccount> accounts, Path logDir) {
        try {
            Path accountsFile = logDir.resolve("wxjava-accounts-" + port + ".tsv");
            Files.write(
                    accountsFile,
                    accounts.stream()
                            .map(a -> String.join("\t", a.appId(), a.secret(), a.token(), a.encodingAesKey()))
                            .toList());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(BenchJvm.flags("wxjava", logDir));
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    WxJavaPortal.class.getName(),
                    "--server.port=" + port,
                    "--bench.accounts-file=" + accountsFile));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logDir.resolve("wxjava-" + port + ".log").toFile())
                    .start();
            return new WxJavaProcess(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Completes once the portal answers HTTP at all (an unsigned callback: 400). */
    public Mono<Void> ready(Duration timeout) {
        return HttpClient.create()
                .baseUrl(baseUrl())
                .post()
                .uri("/wx/ready/callback")
                .send(ByteBufMono.fromString(Mono.just("<xml/>")))
                .responseSingle((response, body) -> Mono.just(response.status().code()))
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
