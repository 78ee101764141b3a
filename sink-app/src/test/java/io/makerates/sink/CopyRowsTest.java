package io.makerates.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.stack.EmbeddedStack;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Rows as the sink stages them in binary COPY, read back through PostgreSQL: every value as it was,
 * whatever it holds, each decimal with its scale as numeric_in would read its plain string.
 */
@Tag("integration")
class CopyRowsTest {

  private static final List<String> AWKWARD =
      Arrays.asList(
          "plain",
          "a,b",
          "{braces}",
          "say \"no\"",
          "back\\slash",
          " spaced ",
          "",
          null,
          "NULL",
          "tab\there",
          "two\nlines",
          "ünïcode €",
          "\\N");

  private static final List<BigDecimal> DECIMALS =
      List.of(
          new BigDecimal("1E-12"),
          new BigDecimal("161.250"),
          BigDecimal.ZERO,
          new BigDecimal("0.00"),
          new BigDecimal("-3.5"),
          new BigDecimal("1E+3"),
          new BigDecimal("10000"),
          new BigDecimal("0.0001"),
          new BigDecimal("99999999.99999"),
          new BigDecimal("1.63128928773996816845"),
          new BigDecimal("-12345678901234567890123456789.000000000000000000000001"),
          new BigDecimal("25.7891"));

  @Test
  void postgresReadsBackEveryFieldAndElementUnchanged() throws Exception {
    UUID id = UUID.fromString("00000000-0000-0000-0000-00000000002a");
    UUID high = UUID.fromString("ffffffff-8000-7fff-c000-0123456789ab");
    // decimals drawn at random as well (a fixed seed): unscaled values of up to 40 digits, scales
    // from -5 to 24
    List<BigDecimal> decimals = new ArrayList<>(DECIMALS);
    Random random = new Random(42);
    for (int n = 0; n < 300; n++) {
      BigInteger unscaled = new BigInteger(1 + random.nextInt(133), random);
      decimals.add(
          new BigDecimal(
              random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(30) - 5));
    }
    CopyRows rows = new CopyRows(9);
    for (int i = 0; i < decimals.size(); i++) {
      String s = AWKWARD.get(i % AWKWARD.size());
      rows.row()
          .text(s)
          .numeric(decimals.get(i))
          .date(LocalDate.of(1999, 1, 4).plusDays(i * 97L))
          .integer(i - 100)
          .bool(i % 2 == 0)
          .textArray(AWKWARD, Function.identity())
          .numericArray(decimals.subList(0, i % 4), Function.identity())
          .uuidArray(Arrays.asList(id, null, high), Function.identity())
          .bigintArray(List.of(Long.MIN_VALUE, (long) i, Long.MAX_VALUE), Function.identity());
    }

    try (EmbeddedStack stack = EmbeddedStack.builder().postgres().start();
        Connection db =
            DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        Statement st = db.createStatement()) {
      st.execute(
          "CREATE TABLE staged (n serial, s text, d numeric, day date, i integer, b boolean, a text[],"
              + " v numeric[], u uuid[], l bigint[])");
      long copied =
          db.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn(
                  "COPY staged (s, d, day, i, b, a, v, u, l) FROM STDIN (FORMAT binary)",
                  rows.stream());
      assertThat(copied).isEqualTo(decimals.size()).isEqualTo(rows.rows());

      int i = 0;
      try (ResultSet rs =
          st.executeQuery(
              "SELECT s, d::text, day, i, b, a, v::text, u, l::text FROM staged ORDER BY n")) {
        while (rs.next()) {
          assertThat(rs.getString(1)).isEqualTo(AWKWARD.get(i % AWKWARD.size()));
          // the plain string, never scientific notation, with the decimal's own scale
          assertThat(rs.getString(2)).isEqualTo(decimals.get(i).toPlainString());
          assertThat(rs.getObject(3, LocalDate.class))
              .isEqualTo(LocalDate.of(1999, 1, 4).plusDays(i * 97L));
          assertThat(rs.getInt(4)).isEqualTo(i - 100);
          assertThat(rs.getBoolean(5)).isEqualTo(i % 2 == 0);
          assertThat(Arrays.asList((Object[]) rs.getArray(6).getArray())).isEqualTo(AWKWARD);
          assertThat(rs.getString(7))
              .isEqualTo(
                  decimals.subList(0, i % 4).stream()
                      .map(BigDecimal::toPlainString)
                      .toList()
                      .toString()
                      .replace('[', '{')
                      .replace(']', '}')
                      .replace(" ", ""));
          assertThat(Arrays.asList((Object[]) rs.getArray(8).getArray()))
              .containsExactly(id, null, high);
          assertThat(rs.getString(9))
              .isEqualTo("{" + Long.MIN_VALUE + "," + i + "," + Long.MAX_VALUE + "}");
          i++;
        }
      }
      assertThat(i).isEqualTo(decimals.size());
    }
  }
}
