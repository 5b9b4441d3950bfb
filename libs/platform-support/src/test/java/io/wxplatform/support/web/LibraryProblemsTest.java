package io.wxplatform.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A library's own refusal (an ErrorResponse whose body has a code) reaches the caller as the library wrote it. */
class LibraryProblemsTest {

    @Test
    void anErrorResponseWithItsOwnCodeKeepsItsBody() {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "not for this account");
        body.setProperty("code", "WECHAT_PERMISSION");
        body.setProperty("apiGroup", "QR_CODES");

        ProblemDetail problem = Problems.from(new ErrorResponseException(HttpStatus.FORBIDDEN, body, null));

        assertThat(problem.getStatus()).isEqualTo(403);
        assertThat(problem.getDetail()).isEqualTo("not for this account");
        assertThat(problem.getProperties())
                .containsEntry("code", "WECHAT_PERMISSION")
                .containsEntry("apiGroup", "QR_CODES");
    }

    @Test
    void aServerErrorRevealsNothingEvenWithACode() {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "secret internals");
        body.setProperty("code", "SOMETHING");

        ProblemDetail problem = Problems.from(new ErrorResponseException(HttpStatus.INTERNAL_SERVER_ERROR, body, null));

        assertThat(problem.getProperties()).containsEntry("code", "INTERNAL");
        assertThat(problem.getDetail()).doesNotContain("secret");
    }
}
