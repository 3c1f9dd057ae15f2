package org.talkback.publication.service.imports;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A streaming XML reader that refuses what an export never needs and an attacker always does: a document type
 * declaration, and with it every entity (so no "billion laughs" expansion and no external entity reading a local
 * file or a URL). Export records are small, so each is read into a flat map of its fields.
 */
final class XmlRecords implements AutoCloseable {
    private static final XMLInputFactory FACTORY = safeFactory();

    private final XMLStreamReader reader;

    private XmlRecords(XMLStreamReader reader) {
        this.reader = reader;
    }

    static XmlRecords open(InputStream file) throws ImportFailure {
        try {
            return new XmlRecords(FACTORY.createXMLStreamReader(file));
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    private static XMLInputFactory safeFactory() {
        // The JDK's own StAX implementation, whatever else is on the class path, so the settings below are known
        // to be honoured.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** Moves to the next start of an element, or returns false at the end of the document. */
    boolean nextElement() throws ImportFailure {
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new ImportFailure("the file declares a document type (DOCTYPE); exports never do, and its "
                            + "entities could expand without bound or read local files, so it is refused",
                            line(), column());
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return true;
                }
            }
            return false;
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    /**
     * Moves to the start of the current element's next child, or returns false at the end of the element named
     * (whose start must be the last element moved to, its earlier children read whole).
     */
    boolean nextElementWithin(String parent) throws ImportFailure {
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return true;
                }
                if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals(parent)) {
                    return false;
                }
            }
            throw new ImportFailure("the file ends inside <" + parent + ">", line(), column());
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    /** The current element's local name; empty if there is none (an empty file). */
    String name() {
        return reader.isStartElement() || reader.isEndElement() ? reader.getLocalName() : "";
    }

    String attribute(String localName) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (reader.getAttributeLocalName(i).equals(localName)) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    int line() {
        return reader.getLocation().getLineNumber();
    }

    int column() {
        return reader.getLocation().getColumnNumber();
    }

    /**
     * Reads the current element to its end: each descendant's text under its path of local names ("author/name"),
     * each attribute under its element's path, "@" and its local name ("thread@id"). The first occurrence of a
     * path wins.
     */
    Map<String, String> readRecord() throws ImportFailure {
        Map<String, String> fields = new HashMap<>();
        try {
            readInto(fields, "");
        } catch (XMLStreamException e) {
            throw failure(e);
        }
        return fields;
    }

    /** Reads the current element's text (its descendants' text included) to its end. */
    String readText() throws ImportFailure {
        return readRecord().getOrDefault("", "");
    }

    private void readInto(Map<String, String> fields, String path) throws XMLStreamException, ImportFailure {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            fields.putIfAbsent(path + "@" + reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    String child = path.isEmpty() ? reader.getLocalName() : path + "/" + reader.getLocalName();
                    readInto(fields, child);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(reader.getText());
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new ImportFailure(
                        "the file refers to an entity (&" + reader.getLocalName() + ";) that XML does not define",
                        line(), column());
                case XMLStreamConstants.END_ELEMENT -> {
                    fields.putIfAbsent(path, text.toString());
                    return;
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new ImportFailure("the file ends inside an element",
                        line(), column());
                default -> {
                    // comments and processing instructions carry nothing an import needs
                }
            }
        }
    }

    static ImportFailure failure(XMLStreamException e) {
        Location location = e.getLocation();
        String message = e.getMessage() == null ? "not well-formed XML" : e.getMessage();
        // The JDK prefixes its messages with "ParseError at [row,col]:[l,c]\nMessage: "; the position is reported apart.
        int cut = message.indexOf("Message: ");
        if (cut >= 0) {
            message = message.substring(cut + "Message: ".length());
        }
        return new ImportFailure("not well-formed XML: " + message.strip(),
                location == null ? 0 : location.getLineNumber(), location == null ? 0 : location.getColumnNumber());
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // nothing left to read
        }
    }
}
