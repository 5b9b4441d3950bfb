package io.wxplatform.wechat.protocol.xml;

import java.math.BigDecimal;

/**
 * Writes WeChat's {@code <xml>} documents: text in CDATA, numbers bare, no declaration; nested elements
 * ({@code ScanCodeInfo}, {@code SendPicsInfo}) between {@link #open} and {@link #close}.
 */
public final class XmlWriter {

    private final StringBuilder out = new StringBuilder(256);

    private XmlWriter() {
        out.append("<xml>");
    }

    public static XmlWriter root() {
        return new XmlWriter();
    }

    public XmlWriter text(String name, String value) {
        out.append('<')
                .append(name)
                .append('>')
                .append(SafeXml.cdata(value))
                .append("</")
                .append(name)
                .append('>');
        return this;
    }

    /** Writes the element only when {@code value} is not null. */
    public XmlWriter optionalText(String name, String value) {
        return value == null ? this : text(name, value);
    }

    public XmlWriter number(String name, long value) {
        out.append('<')
                .append(name)
                .append('>')
                .append(value)
                .append("</")
                .append(name)
                .append('>');
        return this;
    }

    /** Coordinates, precisions and scales, which WeChat writes bare ({@code 23.134521}, never {@code 2.3E+1}). */
    public XmlWriter decimal(String name, BigDecimal value) {
        out.append('<')
                .append(name)
                .append('>')
                .append(value.toPlainString())
                .append("</")
                .append(name)
                .append('>');
        return this;
    }

    /** Digits-only text such as a timestamp, written bare as WeChat does. */
    public XmlWriter bare(String name, String digits) {
        if (!digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(name + " must be digits only");
        }
        out.append('<')
                .append(name)
                .append('>')
                .append(digits)
                .append("</")
                .append(name)
                .append('>');
        return this;
    }

    public XmlWriter open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    public XmlWriter close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** Characters written so far; lets a caller tell whether a part wrote anything. */
    public int length() {
        return out.length();
    }

    public String build() {
        return out + "</xml>";
    }
}
