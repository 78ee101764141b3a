package io.makerates.sink;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Rows in PostgreSQL's binary COPY format, written straight into one buffer: each field its length
 * and its value as PostgreSQL's own receive function reads it, so that neither side formats or
 * parses text. Text COPY made a quarter of the sink's time: the sink printed every decimal and
 * identifier, and PostgreSQL parsed them back, ten arrays per row. Each field is typed, and its
 * type must be the column's: an array says its element type, and PostgreSQL refuses another one.
 */
final class CopyRows {

  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };
  // element types of the arrays (pg_type oids)
  private static final int BOOL = 16;
  private static final int INT8 = 20;
  private static final int INT4 = 23;
  private static final int TEXT = 25;
  private static final int NUMERIC = 1700;
  private static final int UUID_TYPE = 2950;
  private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
  private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

  private final int fields;
  private byte[] buffer = new byte[1 << 16];
  private int length;
  private int rows;

  /**
   * @param fields every row's number of fields, the table's columns in their order
   */
  CopyRows(int fields) {
    this.fields = fields;
    bytes(SIGNATURE);
  }

  /** Starts a row; its fields follow, as many as the constructor said. */
  CopyRows row() {
    rows++;
    int16(fields);
    return this;
  }

  CopyRows text(String value) {
    if (value == null) {
      return nullField();
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int32(utf8.length);
    bytes(utf8);
    return this;
  }

  CopyRows integer(int value) {
    int32(4);
    int32(value);
    return this;
  }

  CopyRows bigint(long value) {
    int32(8);
    int64(value);
    return this;
  }

  CopyRows uuid(UUID value) {
    if (value == null) {
      return nullField();
    }
    int32(16);
    int64(value.getMostSignificantBits());
    int64(value.getLeastSignificantBits());
    return this;
  }

  CopyRows bool(boolean value) {
    int32(1);
    ensure(1);
    buffer[length++] = (byte) (value ? 1 : 0);
    return this;
  }

  CopyRows date(LocalDate value) {
    int32(4);
    int32(Math.toIntExact(value.toEpochDay() - POSTGRES_EPOCH_DAY));
    return this;
  }

  CopyRows numeric(BigDecimal value) {
    if (value == null) {
      return nullField();
    }
    int at = reserveLength();
    numericValue(value);
    fillLength(at);
    return this;
  }

  /**
   * One array field: the element {@code element} picks from each item, NULL where it gives none;
   * the field is NULL when {@code items} is.
   */
  <T> CopyRows textArray(List<T> items, Function<? super T, String> element) {
    return array(items, TEXT, item -> text(element.apply(item)));
  }

  <T> CopyRows numericArray(List<T> items, Function<? super T, BigDecimal> element) {
    return array(items, NUMERIC, item -> numeric(element.apply(item)));
  }

  <T> CopyRows uuidArray(List<T> items, Function<? super T, UUID> element) {
    return array(items, UUID_TYPE, item -> uuid(element.apply(item)));
  }

  <T> CopyRows boolArray(List<T> items, Function<? super T, Boolean> element) {
    return array(items, BOOL, item -> bool(element.apply(item)));
  }

  <T> CopyRows integerArray(List<T> items, Function<? super T, Integer> element) {
    return array(items, INT4, item -> integer(element.apply(item)));
  }

  <T> CopyRows bigintArray(List<T> items, Function<? super T, Long> element) {
    return array(items, INT8, item -> bigint(element.apply(item)));
  }

  int rows() {
    return rows;
  }

  /** The whole COPY stream, its trailer included; the rows stay as they are. */
  InputStream stream() {
    ensure(2); // the trailer goes after the rows, which stay as they are
    buffer[length] = (byte) 0xff; // -1 fields: the end
    buffer[length + 1] = (byte) 0xff;
    return new ByteArrayInputStream(buffer, 0, length + 2);
  }

  private interface ElementWriter<T> {
    void write(T item);
  }

  private <T> CopyRows array(List<T> items, int elementType, ElementWriter<T> elements) {
    if (items == null) {
      return nullField();
    }
    int at = reserveLength();
    int32(items.isEmpty() ? 0 : 1); // dimensions
    int flagsAt = length;
    int32(0); // has nulls, set below
    int32(elementType);
    if (!items.isEmpty()) {
      int32(items.size());
      int32(1); // lower bound
      for (T item : items) {
        int elementAt = length;
        elements.write(item);
        if (readInt(elementAt) == -1) {
          writeInt(flagsAt, 1);
        }
      }
    }
    fillLength(at);
    return this;
  }

  /**
   * numeric's binary form: base-10000 digits, the weight of the first, sign and display scale; the
   * value's own scale is kept, as numeric_in would keep it from the plain string.
   */
  private void numericValue(BigDecimal value) {
    BigDecimal magnitude = value.signum() < 0 ? value.negate() : value;
    if (magnitude.scale() < 0) {
      magnitude = magnitude.setScale(0);
    }
    int scale = magnitude.scale();
    int pad = (4 - scale % 4) % 4; // align the fraction to whole base-10000 digits
    BigInteger aligned = magnitude.unscaledValue();
    if (pad > 0) {
      aligned = aligned.multiply(BigInteger.TEN.pow(pad));
    }
    int fractionDigits = (scale + pad) / 4;
    short[] digits = new short[aligned.bitLength() / 13 + 2];
    int count = 0; // least significant first
    if (aligned.bitLength() < 63) {
      for (long rest = aligned.longValue(); rest != 0; rest /= 10_000) {
        digits[count++] = (short) (rest % 10_000);
      }
    } else {
      for (BigInteger rest = aligned; rest.signum() != 0; ) {
        BigInteger[] qr = rest.divideAndRemainder(TEN_THOUSAND);
        digits[count++] = qr[1].shortValue();
        rest = qr[0];
      }
    }
    int weight = count - fractionDigits - 1;
    int lowest = 0;
    while (lowest < count && digits[lowest] == 0) {
      lowest++; // trailing zero digits are implied by the weight
    }
    int16(count - lowest);
    int16(count == 0 ? 0 : weight);
    int16(value.signum() < 0 ? 0x4000 : 0);
    int16(scale);
    for (int i = count - 1; i >= lowest; i--) {
      int16(digits[i]);
    }
  }

  private CopyRows nullField() {
    int32(-1);
    return this;
  }

  private int reserveLength() {
    int at = length;
    int32(0);
    return at;
  }

  private void fillLength(int at) {
    writeInt(at, length - at - 4);
  }

  private void int16(int value) {
    ensure(2);
    buffer[length++] = (byte) (value >>> 8);
    buffer[length++] = (byte) value;
  }

  private void int32(int value) {
    ensure(4);
    writeInt(length, value);
    length += 4;
  }

  private void int64(long value) {
    int32((int) (value >>> 32));
    int32((int) value);
  }

  private void bytes(byte[] value) {
    ensure(value.length);
    System.arraycopy(value, 0, buffer, length, value.length);
    length += value.length;
  }

  private void writeInt(int at, int value) {
    buffer[at] = (byte) (value >>> 24);
    buffer[at + 1] = (byte) (value >>> 16);
    buffer[at + 2] = (byte) (value >>> 8);
    buffer[at + 3] = (byte) value;
  }

  private int readInt(int at) {
    return (buffer[at] & 0xff) << 24
        | (buffer[at + 1] & 0xff) << 16
        | (buffer[at + 2] & 0xff) << 8
        | (buffer[at + 3] & 0xff);
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
