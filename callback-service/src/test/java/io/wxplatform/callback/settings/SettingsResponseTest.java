package io.wxplatform.callback.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsResponseTest {

    @ParameterizedTest
    @CsvSource({
        "ACTIVE, true",
        "INVALID_SECRET, true",
        "IP_NOT_WHITELISTED, true",
        "NEEDS_REAUTHORIZATION, true",
        "SUSPENDED, false",
        "DELETED, false",
        "UNAUTHORIZED, false"
    })
    void callbacksKeepComingUnlessTheAccountIsSuspendedOrGone(String status, boolean receiving) {
        var response = new SettingsResponse(
                "wx0123456789abcdef",
                "t1",
                "DIRECT",
                "token",
                List.of("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"),
                status);
        assertThat(response.toSettings().active()).isEqualTo(receiving);
    }
}
