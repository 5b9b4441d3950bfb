package io.wxplatform.sandbox.callback;

import io.wxplatform.wechat.protocol.xml.SafeXml;
import java.math.BigDecimal;

/**
 * Writes the XML of a follower's message or event exactly as WeChat does: text in CDATA, numbers bare, nested
 * elements ({@code ScanCodeInfo}, {@code SendPicsInfo}) between {@link #open} and {@link #close}.
 */
public final class CallbackXml {

    private final StringBuilder out = new StringBuilder(256).append("<xml>");

    private CallbackXml() {
    }

    /** Starts a document with the four fields every callback carries. */
    public static CallbackXml header(String originalId, String openId, long createTime, String msgType) {
        return new CallbackXml()
                .text("ToUserName", originalId)
                .text("FromUserName", openId)
                .number("CreateTime", createTime)
                .text("MsgType", msgType);
    }

    public CallbackXml text(String name, String value) {
        if (value != null) {
            element(name, SafeXml.cdata(value));
        }
        return this;
    }

    public CallbackXml number(String name, long value) {
        return element(name, Long.toString(value));
    }

    /** Coordinates, precisions and counts, which WeChat writes bare. */
    public CallbackXml decimal(String name, BigDecimal value) {
        return value == null ? this : element(name, value.toPlainString());
    }

    public CallbackXml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    public CallbackXml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** Characters written so far; lets a writer tell whether a part wrote anything. */
    public int length() {
        return out.length();
    }

    public String build() {
        return out + "</xml>";
    }

    private CallbackXml element(String name, String content) {
        out.append('<').append(name).append('>').append(content).append("</").append(name).append('>');
        return this;
    }
}
