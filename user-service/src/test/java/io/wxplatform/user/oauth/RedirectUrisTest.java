package io.wxplatform.user.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectUrisTest {

    private static final String ENTRY =
            RedirectUris.entry("https://Shop.Example:443/wechat").orElseThrow();
    private static final String FOLDER =
            RedirectUris.entry("https://shop.example/wechat/").orElseThrow();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://shop.example/wechat",
                "https://shop.example/wechat/back",
                "https://SHOP.example:443/wechat/back?from=menu&x=%E4%B8%AD",
            })
    void theEntrysOriginWithItsPathOrAPathBelowIsAllowed(String redirectUri) {
        assertThat(ENTRY).isEqualTo("https://shop.example/wechat");
        assertThat(RedirectUris.allows(ENTRY, redirectUri)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://shop.example/wechatevil",
                "https://shop.example/wechat/../admin",
                "https://shop.example/wechat/./back",
                "https://shop.example/wechat/%2e%2e/admin",
                "https://shop.example/wechat%2F..%2Fadmin",
                "https://shop.example/wechat\\..\\admin",
                "https://shop.example@evil.example/wechat/back",
                "https://user@shop.example/wechat/back",
                "https://shop.example.evil.example/wechat/back",
                "https://shop.example/wechat/back#frag",
                "http://shop.example/wechat/back",
                "https://shop.example:8443/wechat/back",
                "//shop.example/wechat/back",
                "javascript:alert(1)//shop.example/wechat",
                "/wechat/back",
                "",
            })
    void anythingThatCouldLandElsewhereIsNot(String redirectUri) {
        assertThat(RedirectUris.allows(ENTRY, redirectUri)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example/wechat/", "https://shop.example/wechat/back"})
    void aFolderEntryAllowsWhatIsInIt(String redirectUri) {
        assertThat(RedirectUris.allows(FOLDER, redirectUri)).isTrue();
        assertThat(RedirectUris.allows(FOLDER, "https://shop.example/wechat")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://x.example/p?q=1",
                "ftp://x.example/",
                "https://x.example/#f",
                "https://u@x.example/",
                "x"
            })
    void anEntryIsAnHttpOriginAndPathOnly(String entry) {
        assertThat(RedirectUris.entry(entry)).isEmpty();
    }
}
