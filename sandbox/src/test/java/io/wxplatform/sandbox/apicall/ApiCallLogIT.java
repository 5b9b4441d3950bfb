package io.wxplatform.sandbox.apicall;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

class ApiCallLogIT extends SandboxITSupport {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {};

    @Test
    void everyCgiBinCallIsListedWithItsErrcode() {
        createAccount();
        stableToken(false);
        stableToken(true);
        stableToken(true);
        sendText(accessToken(), "o-nobody", "hi");

        List<Map<String, Object>> calls = http.get()
                .uri("/sandbox/accounts/{a}/api-calls", APP_ID)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(LIST)
                .returnResult()
                .getResponseBody();

        assertThat(calls)
                .extracting(call -> call.get("api") + ":" + call.get("errcode"))
                .containsExactly(
                        "stable_token:0",
                        "stable_token:0",
                        "stable_token:45011",
                        "token:0",
                        "message/custom/send:40003");
        assertThat(calls).allSatisfy(call -> assertThat(call).containsKey("at"));
    }

    @Test
    void aWrongSecretIsCountedForTheAppIdItNamed() {
        createAccount();
        getJson("/cgi-bin/token?grant_type=client_credential&appid={a}&secret=wrong", APP_ID);

        http.get()
                .uri("/sandbox/accounts/{a}/api-calls", APP_ID)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].api")
                .isEqualTo("token")
                .jsonPath("$[0].errcode")
                .isEqualTo(40125);
    }
}
