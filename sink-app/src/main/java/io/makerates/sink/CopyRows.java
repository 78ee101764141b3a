package io.makerates.sink;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * Rows in PostgreSQL's COPY text format, written straight into one buffer: tab between fields,
 * {@code \N} for NULL, backslash escapes, and array fields in PostgreSQL's array syntax with an
 * element quoted only where it has to be. A batch's text is built on the sink's thread and parsed
 * by PostgreSQL, so both ends pay for every byte and escape.
 */
final class CopyRows {

  private final StringBuilder text = new StringBuilder(1 << 16);
  private boolean lineStarted;
  private int rows;

  CopyRows add(Object value) {
    separate();
    if (value == null) {
      text.append("\\N");
    } else {
      escaped(plain(value));
    }
    return this;
  }

  /**
   * One array field: the element {@code element} picks from each item, NULL where it gives none.
   */
  <T> CopyRows addArray(List<T> items, Function<? super T, ?> element) {
    separate();
    text.append('{');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      Object value = element.apply(items.get(i));
      if (value == null) {
        text.append("NULL");
        continue;
      }
      String s = plain(value);
      if (!needsQuotes(s)) {
        escaped(s);
        continue;
      }
      text.append('"');
      for (int j = 0; j < s.length(); j++) {
        char c = s.charAt(j);
        if (c == '"' || c == '\\') {
          text.append("\\\\"); // the array's backslash, itself escaped for COPY
        }
        escapedChar(c);
      }
      text.append('"');
    }
    text.append('}');
    return this;
  }

  CopyRows endRow() {
    text.append('\n');
    lineStarted = false;
    rows++;
    return this;
  }

  int rows() {
    return rows;
  }

  String text() {
    return text.toString();
  }

  private void separate() {
    if (lineStarted) {
      text.append('\t');
    }
    lineStarted = true;
  }

  private static String plain(Object value) {
    return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
  }

  // what the array syntax would otherwise read as structure, whitespace it would trim, or the word
  // NULL
  private static boolean needsQuotes(String s) {
    if (s.isEmpty() || s.equalsIgnoreCase("NULL")) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) {
        return true;
      }
    }
    return false;
  }

  private void escaped(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
        text.append(s, 0, i);
        for (int j = i; j < s.length(); j++) {
          escapedChar(s.charAt(j));
        }
        return;
      }
    }
    text.append(s); // the usual case: nothing to escape, one copy
  }

  private void escapedChar(char c) {
    switch (c) {
      case '\\' -> text.append("\\\\");
      case '\t' -> text.append("\\t");
      case '\n' -> text.append("\\n");
      case '\r' -> text.append("\\r");
      default -> text.append(c);
    }
  }
}
