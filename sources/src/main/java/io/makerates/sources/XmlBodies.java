package io.makerates.sources;

import io.makerates.schema.ReasonCode;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What the XML answer parsers share: a reader that refuses DTDs and external entities, and its
 * errors as reasons.
 */
public final class XmlBodies {

  // Configured once; creating readers from a configured factory is thread-safe (Woodstox, and the
  // JDK's when it does
  // not reuse readers, its default).
  private static final XMLInputFactory XML = xmlInputFactory();

  private XmlBodies() {}

  /** What a parser does with the reader of one body. */
  @FunctionalInterface
  public interface Days {
    List<ProviderDay> read(XMLStreamReader reader)
        throws XMLStreamException, AnswerRejectedException;
  }

  public static List<ProviderDay> parse(byte[] body, Days days) throws AnswerRejectedException {
    if (body.length == 0) {
      throw new AnswerRejectedException(ReasonCode.UNPARSEABLE, "empty body");
    }
    XMLStreamReader reader = null;
    try {
      reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
      return days.read(reader);
    } catch (XMLStreamException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "not well-formed XML: " + e.getMessage());
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // an in-memory stream: nothing to release
        }
      }
    }
  }

  private static XMLInputFactory xmlInputFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
