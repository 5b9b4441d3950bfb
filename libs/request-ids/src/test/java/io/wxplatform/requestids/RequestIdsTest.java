package io.wxplatform.requestids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void aWellFormedCallerIdIsKept() {
        assertThat(RequestIds.keepOrGenerate("req-42.a:b_c")).isEqualTo("req-42.a:b_c");
    }

    @Test
    void aMissingOrUnsafeCallerIdIsReplacedByAFreshUuid() {
        for (String bad : new String[] {null, "", "has space", "new\nline", "x".repeat(129), "-leading"}) {
            String id = RequestIds.keepOrGenerate(bad);
            assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        }
    }
}
