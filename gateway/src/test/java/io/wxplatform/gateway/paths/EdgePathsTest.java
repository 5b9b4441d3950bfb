package io.wxplatform.gateway.paths;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdgePathsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/wx/wx123/callback",
                "/api/v1/tenants",
                "/api/v1/tenants/t1/accounts/wx1/followers",
                "/api/v1/tenants/internal",
                "/",
                "/actuator/health",
                "/internalx/v1"
            })
    void ordinaryPathsGoToTheRoutes(String path) {
        assertThat(EdgePaths.classify(path)).isEqualTo(PathVerdict.ROUTE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/internal",
                "/internal/v1/accounts/wx1/callback-settings",
                "//internal/v1",
                "/INTERNAL/v1",
                "/%69nternal/v1",
                "/internal;x=1/v1"
            })
    void internalApisAreNotFoundHoweverSpelled(String path) {
        assertThat(EdgePaths.classify(path)).isEqualTo(PathVerdict.NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/tenants/../../internal/v1",
                "/wx/%2e%2e/internal",
                "/wx/./a",
                "/api/v1/tenants/t1%2Faccounts",
                "/wx/a%5cb",
                "/wx/%252e%252e/x",
                "/wx/%zz",
                "/wx/..;/internal"
            })
    void ambiguousPathsAreRefused(String path) {
        assertThat(EdgePaths.classify(path)).isEqualTo(PathVerdict.BAD_REQUEST);
    }
}
