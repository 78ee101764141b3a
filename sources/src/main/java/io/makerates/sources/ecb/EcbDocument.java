package io.makerates.sources.ecb;

import io.makerates.sources.ProviderError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams an answer body as a eurofxref document, apart from {@link EcbSource}, which only says
 * what to ask for: checking an answer is whole and finding its newest day are StAX reading, and
 * keeping them here leaves the source about files and dates.
 */
final class EcbDocument {

  private EcbDocument() {}

  /**
   * Why a body is not a complete eurofxref document (an HTML page, a cut-off file, XML without
   * {@code Cube} elements), or empty when it is one. The whole body is streamed through once to
   * find a truncation; no tree of a 30 MB history file is built.
   */
  static Optional<ProviderError> problem(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.of(ProviderError.malformed("empty body"));
    }
    boolean sawCube = false;
    String root = null;
    XMLStreamReader reader = null;
    try {
      reader = xmlFactory().createXMLStreamReader(new ByteArrayInputStream(body));
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT) {
          root = root == null ? reader.getLocalName() : root;
          sawCube |= "Cube".equals(reader.getLocalName());
        }
      }
    } catch (XMLStreamException | RuntimeException e) {
      return Optional.of(
          ProviderError.malformed(
              looksLikeHtml(body, root)
                  ? "an HTML page, not ECB eurofxref XML"
                  : "not well-formed XML (cut off?): " + gist(e.getMessage())));
    } finally {
      close(reader);
    }
    if (!sawCube) {
      return Optional.of(
          ProviderError.malformed(
              looksLikeHtml(body, root)
                  ? "an HTML page, not ECB eurofxref XML"
                  : "XML without a Cube element (root <" + root + ">), not ECB eurofxref XML"));
    }
    return Optional.empty();
  }

  /**
   * The {@code time} of the first dated {@code Cube}: the daily file's only day, and the newest day
   * of the history files, which list the newest first. Reading stops there.
   */
  static Optional<LocalDate> newestDay(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    XMLStreamReader reader = null;
    try {
      reader = xmlFactory().createXMLStreamReader(new ByteArrayInputStream(body));
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT
            && "Cube".equals(reader.getLocalName())) {
          String time = reader.getAttributeValue(null, "time");
          if (time != null) {
            return Optional.of(LocalDate.parse(time.strip()));
          }
        }
      }
      return Optional.empty();
    } catch (XMLStreamException | DateTimeParseException e) {
      return Optional.empty();
    } finally {
      close(reader);
    }
  }

  private static boolean looksLikeHtml(byte[] body, String root) {
    if ("html".equalsIgnoreCase(root)) {
      return true;
    }
    String start =
        new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1)
            .strip()
            .toLowerCase(Locale.ROOT);
    return start.startsWith("<!doctype html") || start.startsWith("<html");
  }

  /** The parser's own sentence, without its position preamble. */
  private static String gist(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line =
        message
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .reduce((a, b) -> b)
            .orElse(message);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  private static void close(XMLStreamReader reader) {
    if (reader != null) {
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // nothing is held but the byte array
      }
    }
  }

  /**
   * No DTDs and no external entities: an answer is data, never instructions to fetch more. A
   * factory per read, as StAX factories are not promised to be thread-safe and reads happen once
   * per answer.
   */
  private static XMLInputFactory xmlFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
