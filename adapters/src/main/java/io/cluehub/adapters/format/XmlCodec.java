package io.cluehub.adapters.format;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * XML bodies as trees: the document is {@code {"<document element>": {...}}}; an element with child elements is an
 * object of its children, a leaf element is its text (trimmed; an empty leaf is left out), attributes are
 * {@code "@name"} keys and an element with attributes keeps its text as {@code "#text"}. Elements named in
 * {@code xml.repeat} are always arrays (empty ones stay, as {@code ""}, so positions still count); any other element
 * may occur once per parent. Namespaces are ignored on input (local names) and not written on output.
 */
final class XmlCodec implements SyntaxCodec {

    static final String TEXT = "#text";
    static final String ATTRIBUTE = "@";
    static final int MAX_DEPTH = 32;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

    private final String formatId;
    private final Collection<String> roots;
    private final Set<String> repeat;

    XmlCodec(String formatId, FormatDescriptor.XmlSettings settings) {
        this.formatId = formatId;
        this.roots = settings.roots().values();
        this.repeat = settings.repeat();
    }

    @Override
    public List<Document> read(byte[] body) {
        org.w3c.dom.Document dom = SafeXml.parse(formatId, body);
        Element root = dom.getDocumentElement();
        String rootName = name(root);
        if (!roots.contains(rootName)) {
            throw new MappingException(formatId, "/" + rootName, "The document element is " + rootName + "; the "
                    + formatId + " format expects " + String.join(" or ", roots) + ".");
        }
        List<Object> path = new ArrayList<>();
        path.add(rootName);
        Object content = element(root, path, false);
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put(rootName, content == null ? new LinkedHashMap<>() : content);
        return List.of(new Document(tree, Locations::xpath));
    }

    private Object element(Element e, List<Object> path, boolean keepEmpty) {
        if (path.size() > MAX_DEPTH) {
            throw new MappingException(formatId, Locations.xpath(path), "Elements nest deeper than " + MAX_DEPTH
                    + " levels.");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            String n = a.getName();
            if ("xmlns".equals(n) || n.startsWith("xmlns:")) {
                continue;
            }
            if (!a.getValue().isBlank()) {
                attributes.put(ATTRIBUTE + name(a), a.getValue().strip());
            }
        }
        Map<String, Object> children = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        boolean hasElements = false;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.ELEMENT_NODE -> {
                    hasElements = true;
                    Element child = (Element) n;
                    String childName = name(child);
                    int index = counts.merge(childName, 1, Integer::sum) - 1;
                    List<Object> childPath = new ArrayList<>(path);
                    childPath.add(childName);
                    if (repeat.contains(childName)) {
                        childPath.add(index);
                        Object v = element(child, childPath, true);
                        @SuppressWarnings("unchecked")
                        List<Object> list = (List<Object>) children.computeIfAbsent(childName, k -> new ArrayList<>());
                        list.add(v);
                    } else {
                        if (index > 0) {
                            childPath.add(index);
                            throw new MappingException(formatId, Locations.xpath(childPath), "The element "
                                    + childName + " may occur only once here.");
                        }
                        Object v = element(child, childPath, false);
                        if (v != null) {
                            children.put(childName, v);
                        }
                    }
                }
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text.append(n.getNodeValue());
                default -> {
                    // Comments and processing instructions carry no data.
                }
            }
        }
        String ownText = text.toString().strip();
        if (hasElements) {
            if (!ownText.isEmpty()) {
                throw new MappingException(formatId, Locations.xpath(path), "Text beside child elements (mixed "
                        + "content) is not allowed here.");
            }
            attributes.putAll(children);
            return attributes;
        }
        if (attributes.isEmpty()) {
            return ownText.isEmpty() && !keepEmpty ? null : ownText;
        }
        if (!ownText.isEmpty()) {
            attributes.put(TEXT, ownText);
        }
        return attributes;
    }

    private static String name(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    @Override
    public byte[] write(Object tree) {
        if (!(tree instanceof Map<?, ?> map) || map.size() != 1 || !roots.contains(String.valueOf(
                map.keySet().iterator().next()))) {
            throw new MappingException(formatId, "", "The outbound mapping of " + formatId + " must produce one "
                    + "document element, {\"" + String.join("\" or \"", roots) + "\": {...}}.");
        }
        Map.Entry<?, ?> root = map.entrySet().iterator().next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            writeElement(w, String.valueOf(root.getKey()), root.getValue() == null ? Map.of() : root.getValue(), 0);
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new MappingException(formatId, "", "The " + formatId + " message could not be written as XML: "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private void writeElement(XMLStreamWriter w, String name, Object value, int depth) throws XMLStreamException {
        if (value == null) {
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new MappingException(formatId, "", "The outbound mapping nests deeper than " + MAX_DEPTH
                    + " levels.");
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof List) {
                    throw new MappingException(formatId, "", "The outbound mapping of " + formatId
                            + " produced a list inside a list at " + name + "; XML cannot carry it.");
                }
                writeElement(w, name, item, depth);
            }
            return;
        }
        checkName(name);
        w.writeCharacters("\n" + "  ".repeat(depth));
        w.writeStartElement(name);
        if (value instanceof Map<?, ?> map) {
            boolean children = false;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.startsWith(ATTRIBUTE) && e.getValue() != null) {
                    checkName(key.substring(1));
                    w.writeAttribute(key.substring(1), text(scalar(key, e.getValue())));
                }
            }
            Object own = map.get(TEXT);
            if (own != null) {
                w.writeCharacters(text(scalar(TEXT, own)));
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!key.startsWith(ATTRIBUTE) && !TEXT.equals(key) && e.getValue() != null) {
                    if (own != null) {
                        throw new MappingException(formatId, "", "The outbound mapping of " + formatId
                                + " gives " + name + " both text and child elements.");
                    }
                    children = true;
                    writeElement(w, key, e.getValue(), depth + 1);
                }
            }
            if (children) {
                w.writeCharacters("\n" + "  ".repeat(depth));
            }
        } else {
            w.writeCharacters(text(value));
        }
        w.writeEndElement();
    }

    private Object scalar(String key, Object v) {
        if (v instanceof Map || v instanceof List) {
            throw new MappingException(formatId, "", "The outbound mapping of " + formatId + " must give " + key
                    + " a single value.");
        }
        return v;
    }

    private void checkName(String name) {
        if (!NAME.matcher(name).matches() || name.regionMatches(true, 0, "xml", 0, 3)) {
            throw new MappingException(formatId, "", "The outbound mapping of " + formatId + " produced '" + name
                    + "', which is not an XML element or attribute name.");
        }
    }

    /** The text of a scalar, refusing characters XML 1.0 cannot carry (control characters other than tab, LF, CR). */
    private String text(Object value) {
        String s = JsonTrees.scalarText(value);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            if (!ok) {
                throw new MappingException(formatId, "", "A value holds the character U+"
                        + String.format("%04X", (int) c) + ", which XML 1.0 cannot carry.");
            }
        }
        return s;
    }
}
