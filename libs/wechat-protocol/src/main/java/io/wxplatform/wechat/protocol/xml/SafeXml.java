package io.wxplatform.wechat.protocol.xml;

import com.ctc.wstx.stax.WstxInputFactory;
import io.wxplatform.wechat.protocol.xml.XmlException.Reason;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XXE-safe parsing of WeChat's flat XML documents with StAX. A DOCTYPE is refused outright, before anything in it is
 * read or resolved; external entities and external DTD/schema access are off.
 */
public final class SafeXml {

    /** WeChat callbacks are a few kilobytes; anything this large is not one. */
    public static final int MAX_CHARS = 512 * 1024;

    private static final int MAX_DEPTH = 16;
    /** WeChat's name for list entries; always indexed so one entry looks like many. */
    private static final String LIST_ITEM = "item";

    /**
     * Woodstox rather than the JDK's reader, which finds the end of every document by catching an exception its
     * scanner throws at the end of the input: that alone cost more CPU than the rest of a callback's parsing
     * (docs/benchmarks.md). Configured once, the factory is safe to share between threads; each reader is not.
     */
    private static final XMLInputFactory FACTORY = newFactory();

    private SafeXml() {}

    /**
     * The root's child elements in document order, mapped to their text (or CDATA) content. Nested elements are
     * flattened with dotted keys ({@code ScanCodeInfo.ScanType}); names repeated among siblings, and WeChat's
     * {@code item} list entries, get an index ({@code SendPicsInfo.PicList.item[0].PicMd5Sum}).
     */
    public static Map<String, String> parseFields(String xml) {
        Element root = parse(xml);
        Map<String, String> fields = new LinkedHashMap<>();
        flattenChildren(root, "", fields);
        return Collections.unmodifiableMap(fields);
    }

    /** Escapes text for use inside {@code <![CDATA[ … ]]>}: each {@code ]]>} is split across two sections. */
    public static String escapeCdata(String text) {
        return text.replace("]]>", "]]]]><![CDATA[>");
    }

    /** A complete CDATA section holding {@code text}. */
    public static String cdata(String text) {
        return "<![CDATA[" + escapeCdata(text) + "]]>";
    }

    private static Element parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new XmlException(Reason.MALFORMED, "empty document");
        }
        if (xml.length() > MAX_CHARS) {
            throw new XmlException(Reason.TOO_LARGE, "document exceeds " + MAX_CHARS + " characters");
        }
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new StringReader(xml));
            return readDocument(reader);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof XmlException xmlException) {
                throw xmlException;
            }
            throw new XmlException(Reason.MALFORMED, "not well-formed XML: " + e.getMessage(), e);
        } finally {
            close(reader);
        }
    }

    private static Element readDocument(XMLStreamReader reader) throws XMLStreamException {
        List<Element> stack = new ArrayList<>();
        Element root = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new XmlException(Reason.DTD_FORBIDDEN, "DOCTYPE is not allowed");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                    throw new XmlException(
                            Reason.DTD_FORBIDDEN, "entity reference '" + reader.getLocalName() + "' is not allowed");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (stack.size() >= MAX_DEPTH) {
                        throw new XmlException(Reason.TOO_LARGE, "elements nested deeper than " + MAX_DEPTH);
                    }
                    Element element = new Element(reader.getLocalName());
                    if (stack.isEmpty()) {
                        root = element;
                    } else {
                        stack.get(stack.size() - 1).children.add(element);
                    }
                    stack.add(element);
                }
                case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        stack.get(stack.size() - 1).text.append(reader.getText());
                    }
                }
                default -> {}
            }
        }
        if (root == null) {
            throw new XmlException(Reason.MALFORMED, "no root element");
        }
        return root;
    }

    private static void flattenChildren(Element parent, String prefix, Map<String, String> fields) {
        Map<String, Integer> counts = new HashMap<>();
        for (Element child : parent.children) {
            counts.merge(child.name, 1, Integer::sum);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Element child : parent.children) {
            String key = prefix + child.name;
            if (counts.get(child.name) > 1 || LIST_ITEM.equals(child.name)) {
                key += "[" + (seen.merge(child.name, 1, Integer::sum) - 1) + "]";
            }
            if (child.children.isEmpty()) {
                fields.put(key, child.text.toString());
            } else {
                flattenChildren(child, key + ".", fields);
            }
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not resolved: " + systemId);
        });
        return factory;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was opened beyond the in-memory string
            }
        }
    }

    private static final class Element {
        final String name;
        final StringBuilder text = new StringBuilder();
        final List<Element> children = new ArrayList<>();

        Element(String name) {
            this.name = name;
        }
    }
}
