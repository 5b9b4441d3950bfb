package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** WeChat's worked example from the JS-SDK documentation (附录1, JS-SDK使用权限签名算法). */
class JsSdkSignatureTest {

    private static final String TICKET =
            "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";

    @Test
    void weChatsDocumentedExampleSignsAsDocumented() {
        assertThat(JsSdkSignature.sign(TICKET, "Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com?params=value"))
                .isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
        // The page's first edition (still quoted by SDKs) signed the same values with a URL without a query.
        assertThat(JsSdkSignature.sign(TICKET, "Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com"))
                .isEqualTo("f4d90daf4b3bca3078ab155816175ba34c443a7b");
    }

    @Test
    void theFragmentIsNotSignedButEverythingElseIsAsGiven() {
        String signed = JsSdkSignature.sign(TICKET, "n", 1L, "https://shop.example/p?a=1&b=2");
        assertThat(JsSdkSignature.sign(TICKET, "n", 1L, "https://shop.example/p?a=1&b=2#/cart"))
                .isEqualTo(signed);
        assertThat(JsSdkSignature.sign(TICKET, "n", 1L, "https://shop.example/p?a=1&amp;b=2"))
                .isNotEqualTo(signed);
        assertThat(JsSdkSignature.sign(TICKET, "n", 1L, "http://shop.example/p?a=1&b=2"))
                .isNotEqualTo(signed);
    }

    @Test
    void aFreshSignatureCarriesItsNonceAndTimestamp() {
        JsSdkSignature signature = JsSdkSignature.of("wx1", TICKET, "https://shop.example/", 1700000000L);

        assertThat(signature.nonceStr()).hasSize(16).isAlphanumeric();
        assertThat(signature.signature())
                .isEqualTo(JsSdkSignature.sign(TICKET, signature.nonceStr(), 1700000000L, "https://shop.example/"));
    }

    @Test
    void anEmptyTicketIsRefused() {
        assertThatThrownBy(() -> JsSdkSignature.sign("", "n", 1L, "https://x/"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
