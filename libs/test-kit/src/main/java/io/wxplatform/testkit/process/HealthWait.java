package io.wxplatform.testkit.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a started service to report healthy, failing as soon as its process dies. */
public final class HealthWait {

    private static final Duration INTERVAL = Duration.ofMillis(250);
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private HealthWait() {}

    /**
     * Returns once {@code GET <baseUrl>/actuator/health} answers 200.
     *
     * @throws ServiceStartException when the process exits first or the timeout passes
     */
    public static void await(Process process, String baseUrl, Duration timeout, ServiceLog log) {
        URI health = URI.create(baseUrl + "/actuator/health");
        Instant deadline = Instant.now().plus(timeout);
        while (!healthy(health)) {
            if (Instant.now().isAfter(deadline)) {
                throw new ServiceStartException(health + " did not answer 200 within " + timeout, log);
            }
            if (exitedWithin(process, INTERVAL)) {
                throw new ServiceStartException(
                        "process exited with " + process.exitValue() + " before " + health + " answered 200", log);
            }
        }
    }

    private static boolean healthy(URI health) {
        HttpRequest request = HttpRequest.newBuilder(health)
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + health, e);
        }
    }

    /** Waits on the process itself, so a crash ends the wait at once. */
    private static boolean exitedWithin(Process process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a service to start", e);
        }
    }
}
