package io.wxplatform.gateway.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.gateway.problems.EdgeErrorHandler.UpstreamFailures;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ResponseStatusException;

class UpstreamFailuresTest {

    @Test
    void eachUpstreamFailureHasItsStatusAndCode() {
        assertProblem(
                UpstreamFailures.forApi(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "slow")),
                504,
                "UPSTREAM_TIMEOUT");
        assertProblem(UpstreamFailures.forApi(new ConnectException("Connection refused")), 503, "SERVICE_UNAVAILABLE");
        assertProblem(
                UpstreamFailures.forApi(new IOException("Connection prematurely closed BEFORE response")),
                502,
                "BAD_GATEWAY");
        assertProblem(
                UpstreamFailures.forApi(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE)),
                503,
                "SERVICE_UNAVAILABLE");
    }

    @Test
    void noRouteIsAPlainNotFoundAndOtherClientErrorsKeepTheirStatus() {
        assertProblem(
                UpstreamFailures.forApi(new ResponseStatusException(HttpStatus.NOT_FOUND, "No matching handler")),
                404,
                "NOT_FOUND");
        assertProblem(
                UpstreamFailures.forApi(new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE)),
                413,
                "CONTENT_TOO_LARGE");
    }

    @Test
    void anythingElseIsAnInternalErrorThatRevealsNothing() {
        ProblemDetail problem = UpstreamFailures.forApi(new IllegalStateException("secret details"));
        assertProblem(problem, 500, "INTERNAL");
        assertThat(problem.getDetail()).doesNotContain("secret");
    }

    private static void assertProblem(ProblemDetail problem, int status, String code) {
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getProperties()).containsEntry("code", code);
    }
}
