package io.wxplatform.callback.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.wechat.protocol.callback.CallbackRejectedException;
import io.wxplatform.wechat.protocol.callback.CallbackRejectedException.Reason;
import io.wxplatform.wechat.protocol.crypto.CryptoException;
import io.wxplatform.wechat.protocol.xml.XmlException;
import org.junit.jupiter.api.Test;

class CallbackRejectionTest {

    @Test
    void signatureAndKeyProblemsAreForbiddenWhileUnreadableRequestsAreBad() {
        assertThat(status(Reason.BAD_SIGNATURE)).isEqualTo(403);
        assertThat(status(Reason.BAD_MSG_SIGNATURE)).isEqualTo(403);
        assertThat(status(Reason.APPID_MISMATCH)).isEqualTo(403);
        assertThat(status(Reason.DECRYPT_FAILED)).isEqualTo(403);
        assertThat(status(Reason.NO_KEY)).isEqualTo(403);
        assertThat(status(Reason.MALFORMED)).isEqualTo(400);
        assertThat(status(Reason.MISSING_PARAMETER)).isEqualTo(400);
    }

    @Test
    void theCauseRefinesTheReasonCounted() {
        var badPadding = new CallbackRejectedException(
                Reason.DECRYPT_FAILED, "x", new CryptoException(CryptoException.Reason.BAD_PADDING, "pad"));
        var doctype = new CallbackRejectedException(
                Reason.MALFORMED, "x", new XmlException(XmlException.Reason.DTD_FORBIDDEN, "dtd"));

        assertThat(CallbackRejection.from(badPadding).reason()).isEqualTo(RejectReason.BAD_PADDING);
        assertThat(CallbackRejection.from(doctype).reason()).isEqualTo(RejectReason.DTD_FORBIDDEN);
        assertThat(RejectReason.DTD_FORBIDDEN.tag()).isEqualTo("dtd_forbidden");
    }

    private static int status(Reason reason) {
        return CallbackRejection.from(new CallbackRejectedException(reason, "x"))
                .reason()
                .status()
                .value();
    }
}
