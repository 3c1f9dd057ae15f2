package org.talkback.publication.service.read;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.talkback.publication.repository.ThreadPageRepository.Entry;
import org.talkback.publication.repository.ThreadPageRepository;

/**
 * Atom feeds (RFC 4287) of the newest published comments, of one thread or of a whole site, for feed readers
 * and for newsroom tools that watch the conversation. Written with an XML writer, which escapes everything, and
 * the comment's safe HTML goes in as escaped text ({@code type="html"}), as Atom asks.
 */
@ApplicationScoped
public class ThreadFeeds {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final int ENTRIES = 50;

    private final ThreadPageRepository repository;

    public ThreadFeeds(ThreadPageRepository repository) {
        this.repository = repository;
    }

    /** The feed of one thread ({@code threadUrl} given) or of the whole site; {@code self} is its own address. */
    public String feed(String siteId, String threadUrl, String self) {
        List<Entry> entries = repository.newest(siteId, threadUrl, ENTRIES);
        String title = threadUrl == null ? "Comments on " + siteId
                : "Comments on " + entries.stream().map(Entry::threadTitle).filter(t -> t != null).findFirst().orElse(threadUrl);
        Instant updated = entries.stream().map(Entry::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
        StringWriter out = new StringWriter(4096);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, "id", self);
            element(xml, "title", title);
            element(xml, "updated", updated.toString());
            link(xml, "self", self);
            if (threadUrl != null) {
                link(xml, "alternate", threadUrl);
            }
            element(xml, "generator", "Talkback");
            for (Entry entry : entries) {
                xml.writeStartElement("entry");
                element(xml, "id", "urn:uuid:" + entry.id());
                element(xml, "title", entry.authorName() + " on "
                        + (entry.threadTitle() != null ? entry.threadTitle() : entry.threadUrl()));
                element(xml, "published", entry.createdAt().toString());
                element(xml, "updated", entry.updated().toString());
                xml.writeStartElement("author");
                element(xml, "name", entry.authorName());
                if (entry.authorUrl() != null) {
                    element(xml, "uri", entry.authorUrl());
                }
                xml.writeEndElement();
                link(xml, "alternate", entry.threadUrl() + "#comment-" + entry.id());
                xml.writeStartElement("content");
                xml.writeAttribute("type", "html");
                xml.writeCharacters(entry.bodyHtml());
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing a feed failed", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
    }

}
