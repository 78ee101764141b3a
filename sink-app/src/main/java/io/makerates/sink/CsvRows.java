package io.makerates.sink;

/** Rows in PostgreSQL's COPY CSV format: every value quoted, NULL as an unquoted empty field. */
final class CsvRows {

  private final StringBuilder text = new StringBuilder(4096);
  private boolean lineStarted;
  private int rows;

  CsvRows add(Object value) {
    if (lineStarted) {
      text.append(',');
    }
    lineStarted = true;
    if (value != null) {
      String s = value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
      text.append('"').append(s.replace("\"", "\"\"")).append('"');
    }
    return this;
  }

  CsvRows endRow() {
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
}
