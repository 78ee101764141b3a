package io.makerates.sink;

/**
 * One PostgreSQL array in its text form ({@code {"a","b",NULL}}), built element by element, for a COPY field. Every
 * element is quoted, so a source id or a reason with a comma, a brace or a quote arrives as it was.
 */
final class ArrayLiteral {

  private final StringBuilder text = new StringBuilder(64).append('{');
  private boolean empty = true;

  ArrayLiteral add(Object element) {
    if (!empty) {
      text.append(',');
    }
    empty = false;
    if (element == null) {
      text.append("NULL");
      return this;
    }
    String s = element instanceof java.math.BigDecimal d ? d.toPlainString() : element.toString();
    text.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        text.append('\\');
      }
      text.append(c);
    }
    text.append('"');
    return this;
  }

  @Override
  public String toString() {
    return text + "}";
  }
}
