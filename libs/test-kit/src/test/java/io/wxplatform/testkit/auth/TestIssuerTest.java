package io.wxplatform.testkit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestIssuerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void tokensVerifyAgainstThePublishedJwks() throws Exception {
        TestIssuer issuer = TestIssuer.shared();
        SignedJWT jwt = SignedJWT.parse(issuer.mint("acme", "tenant-admin", "tenant-viewer"));

        RSAKey published = (RSAKey) JWKSet.parse(get(issuer.jwkSetUri()))
                .getKeyByKeyId(jwt.getHeader().getKeyID());

        assertThat(published.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuer());
        assertThat(jwt.getJWTClaimsSet().getStringClaim("tenant_id")).isEqualTo("acme");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("tenant-admin", "tenant-viewer");
    }

    @Test
    void discoveryDocumentNamesTheIssuerAndItsKeys() throws Exception {
        TestIssuer issuer = TestIssuer.shared();

        String discovery = get(issuer.issuer() + "/.well-known/openid-configuration");

        assertThat(discovery)
                .contains("\"issuer\":\"" + issuer.issuer() + "\"")
                .contains("\"jwks_uri\":\"" + issuer.jwkSetUri() + "\"");
        assertThat(issuer.serviceProperties())
                .containsEntry("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer.jwkSetUri());
    }

    @Test
    void operatorTokensHaveNoTenant() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TestIssuer.shared().operator());

        assertThat(jwt.getJWTClaimsSet().getClaim("tenant_id")).isNull();
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("platform-operator");
    }

    @Test
    void customClaimsOverrideTheDefaultsAndNegativeTtlsExpire() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TestIssuer.shared()
                .mint(Map.of("iss", "https://elsewhere.example", "tenant_id", "acme"), Duration.ofMinutes(-5)));

        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://elsewhere.example");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isBefore(new Date());
    }

    @Test
    void aPersistedKeySignsTheSameWayAfterARestart(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("dev-issuer/key.json");
        String kid;
        try (TestIssuer first = TestIssuer.start(0, keyFile)) {
            kid = SignedJWT.parse(first.mint("demo", "tenant-admin"))
                    .getHeader()
                    .getKeyID();
        }
        try (TestIssuer second = TestIssuer.start(0, keyFile)) {
            SignedJWT offline = SignedJWT.parse(
                    TestIssuer.mintOffline(keyFile, second.issuer(), "demo", Duration.ofHours(1), "tenant-admin"));
            RSAKey published = (RSAKey) JWKSet.parse(get(second.jwkSetUri())).getKeyByKeyId(kid);

            assertThat(offline.verify(new RSASSAVerifier(published))).isTrue();
        }
    }

    private String get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
