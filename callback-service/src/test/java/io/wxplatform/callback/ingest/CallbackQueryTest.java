package io.wxplatform.callback.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class CallbackQueryTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "signature=abc&timestamp=1409304348&nonce=1506317396&openid=oA1&encrypt_type=aes&msg_signature=f0",
                "nonce=1&nonce=2",
                "echostr=a%2Bb%3D%3D&timestamp=1",
                "q=a+b&r=%E4%B8%AD%E6%96%87",
                "flag&empty=&x=1=2",
                "&&a=1&",
                ""
            })
    void readsAQueryAsWebFluxDoes(String rawQuery) {
        MockServerHttpRequest request = MockServerHttpRequest.post("/wx/wx1234567890abcdef/callback?" + rawQuery)
                .build();

        assertThat(CallbackQuery.of(request)).isEqualTo(request.getQueryParams().toSingleValueMap());
    }
}
