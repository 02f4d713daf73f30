package io.cluehub.adapters.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses agency XML with everything that reaches outside the document, or multiplies inside it, switched off (OWASP
 * XXE prevention): a DOCTYPE is refused outright, so there are no DTDs, no internal or external entities, no entity
 * expansion (billion laughs); XInclude is off; nothing is ever fetched from the network or the file system. The JDK's
 * own parser is used, never whatever parser the classpath offers.
 */
final class SafeXml {

    private static final int MAX_ECHO = 160;
    private static final String MAX_ELEMENT_DEPTH = "100";

    private SafeXml() {
    }

    /** The parsed document, or a {@link MappingException} at {@code ""} saying what is wrong with the body. */
    static Document parse(String formatId, byte[] body) {
        if (body == null || body.length == 0) {
            throw new MappingException(formatId, "", "The body is empty.");
        }
        DocumentBuilder builder = newBuilder();
        try {
            InputSource source = new InputSource(new ByteArrayInputStream(body));
            return builder.parse(source);
        } catch (SAXParseException e) {
            throw new MappingException(formatId, "", describe(e));
        } catch (SAXException e) {
            throw new MappingException(formatId, "", refusalOr("The body is not well-formed XML", e));
        } catch (IOException e) {
            throw new MappingException(formatId, "", "The body could not be read as XML.");
        }
    }

    static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // The JDK's own limit on element depth (secure processing leaves it unlimited); the codec checks 32.
            try {
                f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", MAX_ELEMENT_DEPTH);
            } catch (IllegalArgumentException notSupported) {
                // An older JDK parser: XmlCodec's own depth check still applies.
            }
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setValidating(false);
            f.setNamespaceAware(true);
            f.setIgnoringComments(true);
            f.setCoalescing(true);
            DocumentBuilder builder = f.newDocumentBuilder();
            // Belt and braces: should anything still ask for an external entity, it gets nothing.
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("External entities are not allowed.");
            });
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // Warnings do not stop a well-formed document.
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            // The JDK parser knows every feature above; not knowing one means running unprotected, so stop.
            throw new IllegalStateException("The JDK XML parser cannot be secured: " + e.getMessage(), e);
        }
    }

    private static String describe(SAXParseException e) {
        String where = e.getLineNumber() > 0
                ? " at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                : "";
        return refusalOr("The body is not well-formed XML" + where, e);
    }

    private static String refusalOr(String prefix, SAXException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("DOCTYPE") || m.contains("disallow-doctype-decl")) {
            return "XML with a DOCTYPE declaration is refused: DTDs and entities (external entities, entity "
                    + "expansion) are not allowed in agency messages.";
        }
        if (m.contains("External entities")) {
            return "XML that refers to external entities is refused.";
        }
        if (m.length() > MAX_ECHO) {
            m = m.substring(0, MAX_ECHO) + "…";
        }
        return m.isBlank() ? prefix + "." : prefix + ": " + m;
    }
}
