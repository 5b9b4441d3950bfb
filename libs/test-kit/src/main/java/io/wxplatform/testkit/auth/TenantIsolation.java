package io.wxplatform.testkit.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Proves, over real HTTP, that a service's REST API keeps tenants apart. Declare one case per endpoint, with tenant
 * B's (the owner's) real resource ids in the path, and {@link #verify()} checks for every case:
 * <ul>
 * <li>no token: 401;</li>
 * <li>tenant A's admin: 404, with none of B's data, and the same body (ids aside) as for a tenant that does not
 * exist — never a hint;</li>
 * <li>B's viewer: 403 on writes, 2xx on reads;</li>
 * <li>B's admin (an operator for operator-only endpoints, which every tenant token gets 403 on): neither 401, 403
 * nor 404. These calls run last, in declaration order, so declare destructive cases (DELETE) last.</li>
 * </ul>
 * It fails, listing them, if an endpoint of the inventory has no case, so a new endpoint cannot slip through.
 */
public final class TenantIsolation {

    private enum Access {
        READ,
        WRITE,
        OPERATOR
    }

    private record Case(Endpoint endpoint, Access access, String path, String body) {
        @Override
        public String toString() {
            return endpoint.method() + " " + path;
        }
    }

    private record Answer(int status, String body) {}

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Case> cases = new ArrayList<>();
    private final List<String> neverShown = new ArrayList<>();
    private final Set<Endpoint> inventory = new TreeSet<>();
    private TestIssuer issuer = TestIssuer.shared();
    private String owner;
    private String attacker;

    private TenantIsolation(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public static TenantIsolation against(String baseUrl) {
        return new TenantIsolation(baseUrl);
    }

    /** The issuer the service trusts; {@link TestIssuer#shared()} unless told otherwise. */
    public TenantIsolation issuer(TestIssuer issuer) {
        this.issuer = issuer;
        return this;
    }

    /** Tenant B, who owns the resources in the cases' paths. */
    public TenantIsolation owner(String tenantId) {
        this.owner = tenantId;
        return this;
    }

    /** Tenant A, another real tenant of the service, who must see nothing of B. */
    public TenantIsolation attacker(String tenantId) {
        this.attacker = tenantId;
        return this;
    }

    /** Every endpoint the service has (see {@link Endpoints}). */
    public TenantIsolation inventory(Collection<Endpoint> endpoints) {
        inventory.addAll(endpoints);
        return this;
    }

    /** Values of B's data (names, ids A could not know) that must never appear in an answer to A. */
    public TenantIsolation neverShown(String... values) {
        neverShown.addAll(List.of(values));
        return this;
    }

    /** A read: {@code endpoint} as in the inventory ({@code "GET /api/v1/tenants/{tenantId}/…"}), a concrete path. */
    public TenantIsolation read(String endpoint, String path) {
        return add(endpoint, Access.READ, path, null);
    }

    /** A write with a valid body (a JSON string, a Map, or null). */
    public TenantIsolation write(String endpoint, String path, Object body) {
        return add(endpoint, Access.WRITE, path, body);
    }

    /** An endpoint only platform operators may call; every tenant token gets 403. */
    public TenantIsolation operatorOnly(String endpoint, String path, Object body) {
        return add(endpoint, Access.OPERATOR, path, body);
    }

    /** Runs every check and throws one AssertionError listing every failure and every uncovered endpoint. */
    public void verify() {
        if (owner == null || attacker == null || owner.equals(attacker)) {
            throw new IllegalStateException("Declare two different tenants: owner(B) and attacker(A)");
        }
        List<String> failures = new ArrayList<>(coverage());
        cases.forEach(c -> refusals(c, failures));
        cases.forEach(c -> allowed(c, failures));
        if (!failures.isEmpty()) {
            throw new AssertionError("Tenant isolation failed:\n  " + String.join("\n  ", failures));
        }
    }

    private TenantIsolation add(String endpoint, Access access, String path, Object body) {
        String json =
                body == null || body instanceof String ? (String) body : JSONObjectUtils.toJSONString(castMap(body));
        cases.add(new Case(Endpoint.parse(endpoint), access, path, json));
        return this;
    }

    private List<String> coverage() {
        List<String> problems = new ArrayList<>();
        Set<Endpoint> covered = new TreeSet<>();
        cases.forEach(c -> covered.add(c.endpoint()));
        inventory.stream().filter(e -> !covered.contains(e)).forEach(e -> problems.add("no case covers " + e));
        if (!inventory.isEmpty()) {
            covered.stream()
                    .filter(e -> !inventory.contains(e))
                    .forEach(e -> problems.add("a case names " + e + ", which the service does not map"));
        } else {
            problems.add("the inventory is empty: pass the service's endpoints with inventory(...)");
        }
        return problems;
    }

    private void refusals(Case c, List<String> failures) {
        expect(c, "no token", send(c, c.path(), null), failures, 401);
        String admin = issuer.mint(attacker, TestIssuer.TENANT_ADMIN);
        if (c.access() == Access.OPERATOR) {
            expect(c, "tenant A's admin", send(c, c.path(), admin), failures, 403);
            expect(
                    c,
                    "tenant B's admin",
                    send(c, c.path(), issuer.mint(owner, TestIssuer.TENANT_ADMIN)),
                    failures,
                    403);
            return;
        }
        Answer foreign = send(c, c.path(), admin);
        if (expect(c, "tenant A's admin", foreign, failures, 404)) {
            neverShown.stream()
                    .filter(foreign.body()::contains)
                    .forEach(value -> failures.add(c + ": tenant A's 404 shows B's \"" + value + "\""));
            String unknown = "t-unknown-" + UUID.randomUUID().toString().substring(0, 8);
            Answer missing = send(c, c.path().replace(owner, unknown), admin);
            if (missing.status() != foreign.status()
                    || !normalized(missing.body(), unknown).equals(normalized(foreign.body(), owner))) {
                failures.add(c + ": tenant A's answer differs from a tenant that does not exist: " + foreign.status()
                        + " " + excerpt(foreign.body()) + " vs " + missing.status() + " " + excerpt(missing.body()));
            }
        }
        Answer viewer = send(c, c.path(), issuer.mint(owner, TestIssuer.TENANT_VIEWER));
        if (c.access() == Access.WRITE) {
            expect(c, "tenant B's viewer", viewer, failures, 403);
        } else if (viewer.status() / 100 != 2) {
            failures.add(
                    c + ": tenant B's viewer got " + viewer.status() + " " + excerpt(viewer.body()) + ", expected 2xx");
        }
    }

    private void allowed(Case c, List<String> failures) {
        String token = c.access() == Access.OPERATOR ? issuer.operator() : issuer.mint(owner, TestIssuer.TENANT_ADMIN);
        Answer answer = send(c, c.path(), token);
        if (answer.status() == 401 || answer.status() == 403 || answer.status() == 404) {
            failures.add(c + ": " + (c.access() == Access.OPERATOR ? "an operator" : "tenant B's admin") + " got "
                    + answer.status() + " " + excerpt(answer.body()));
        }
    }

    private static boolean expect(Case c, String who, Answer answer, List<String> failures, int status) {
        if (answer.status() == status) {
            return true;
        }
        failures.add(
                c + ": " + who + " got " + answer.status() + " " + excerpt(answer.body()) + ", expected " + status);
        return false;
    }

    /** Ids aside (the caller named them), and per-request fields aside, the two answers must be the same. */
    private static String normalized(String body, String tenantId) {
        return body.replace(tenantId, "{tenant}")
                .replaceAll("\"(requestId|timestamp|traceId)\"\\s*:\\s*(\"[^\"]*\"|[0-9.]+)", "\"$1\":_");
    }

    private Answer send(Case c, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(15))
                .method(
                        c.endpoint().method(),
                        c.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(c.body()));
        if (c.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException stalled) {
                // Reactor Netty (1.3.x up to at least 1.3.8) can stop reading a kept-alive connection after an
                // answer that came before the request body was read (reactor-netty pull request 4347). The services
                // now close the connection after such answers (platform-support's ProblemWriter, the gateway's
                // EdgeProblems); should it still happen, the request is asked once more on a connection of its own,
                // so the check still judges the answer, and it is said on stderr with the HTTP threads' stacks.
                System.err.println("TenantIsolation: " + c + " (" + path + ") got no answer in 15 s; asking once more"
                        + " on a new connection");
                printServerThreads();
                response = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build()
                        .send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(c + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** What this JVM's HTTP server and client threads were doing when an answer did not come (a stall's evidence). */
    private static void printServerThreads() {
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            String name = thread.getName();
            if (name.startsWith("reactor-http") || name.startsWith("HttpClient") || name.startsWith("parallel")) {
                StringBuilder dump = new StringBuilder("  " + name + " " + thread.getState() + "\n");
                for (StackTraceElement frame : stack) {
                    dump.append("    at ").append(frame).append('\n');
                }
                System.err.print(dump);
            }
        });
    }

    private static String excerpt(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object body) {
        if (!(body instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("A body is a JSON string or a Map, not " + body.getClass());
        }
        return (Map<String, Object>) body;
    }
}
