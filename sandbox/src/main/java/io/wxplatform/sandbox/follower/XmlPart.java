package io.wxplatform.sandbox.follower;

import io.wxplatform.sandbox.web.SandboxProblem;
import io.wxplatform.wechat.protocol.xml.XmlWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/** One element of a callback document, written from a field of the follower's request (skipped when null). */
@FunctionalInterface
interface XmlPart<R> {

    void write(XmlWriter xml, R request);

    /** Text in CDATA, as WeChat writes strings (numbers given as text stay text, e.g. in SendLocationInfo). */
    static <R> XmlPart<R> cdata(String name, Function<R, ?> value) {
        return (xml, r) -> {
            Object v = value.apply(r);
            if (v != null) {
                xml.text(name, v instanceof BigDecimal d ? d.toPlainString() : v.toString());
            }
        };
    }

    /** A bare number, as WeChat writes ids, counts and coordinates. */
    static <R> XmlPart<R> bare(String name, Function<R, ? extends Number> value) {
        return (xml, r) -> {
            Number v = value.apply(r);
            if (v instanceof BigDecimal d) {
                xml.decimal(name, d);
            } else if (v != null) {
                xml.number(name, v.longValue());
            }
        };
    }

    /** A nested element such as {@code <ScanCodeInfo>…</ScanCodeInfo>}. */
    @SafeVarargs
    static <R, C> XmlPart<R> group(String name, Function<R, C> child, XmlPart<C>... parts) {
        return (xml, r) -> {
            C c = child.apply(r);
            if (c != null) {
                xml.open(name);
                for (XmlPart<C> part : parts) {
                    part.write(xml, c);
                }
                xml.close(name);
            }
        };
    }

    /** WeChat's lists: {@code <PicList><item>…</item><item>…</item></PicList>}. */
    @SafeVarargs
    static <R, C> XmlPart<R> items(String name, Function<R, List<C>> children, XmlPart<C>... parts) {
        return (xml, r) -> {
            List<C> list = children.apply(r);
            if (list != null) {
                xml.open(name);
                for (C c : list) {
                    xml.open("item");
                    for (XmlPart<C> part : parts) {
                        part.write(xml, c);
                    }
                    xml.close("item");
                }
                xml.close(name);
            }
        };
    }

    /** Refuses a request that leaves this part empty; {@code field} is its name in the request. */
    default XmlPart<R> required(String field) {
        return (xml, r) -> {
            int before = xml.length();
            write(xml, r);
            if (xml.length() == before) {
                throw SandboxProblem.badRequest(field + " is required");
            }
        };
    }
}
