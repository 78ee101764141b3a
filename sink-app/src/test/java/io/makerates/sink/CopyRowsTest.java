package io.makerates.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.stack.EmbeddedStack;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Rows as the sink stages them, read back through PostgreSQL's COPY: every value as it was,
 * whatever it holds.
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

  @Test
  void postgresReadsBackEveryFieldAndElementUnchanged() throws Exception {
    UUID id = UUID.fromString("00000000-0000-0000-0000-00000000002a");
    CopyRows rows = new CopyRows();
    for (String s : AWKWARD) {
      rows.add(s)
          .add(new BigDecimal("1E-12"))
          .add(id)
          .add(true)
          .addArray(AWKWARD, Function.identity())
          .addArray(
              List.of(new BigDecimal("1E-12"), new BigDecimal("161.250")), Function.identity())
          .addArray(List.of(), Function.identity())
          .endRow();
    }

    try (EmbeddedStack stack = EmbeddedStack.builder().postgres().start();
        Connection db =
            DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        Statement st = db.createStatement()) {
      st.execute(
          "CREATE TABLE staged (n serial, s text, d numeric, u uuid, b boolean, a text[], v numeric[], e integer[])");
      long copied =
          db.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn(
                  "COPY staged (s, d, u, b, a, v, e) FROM STDIN", new StringReader(rows.text()));
      assertThat(copied).isEqualTo(AWKWARD.size());

      List<String> fields = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT s, d::text, u, b, a, v::text, cardinality(e) FROM staged ORDER BY n")) {
        while (rs.next()) {
          fields.add(rs.getString(1));
          // a decimal goes in plain, never in scientific notation, and keeps its scale
          assertThat(rs.getString(2)).isEqualTo("0.000000000001");
          assertThat(rs.getObject(3)).isEqualTo(id);
          assertThat(rs.getBoolean(4)).isTrue();
          assertThat(Arrays.asList((Object[]) rs.getArray(5).getArray())).isEqualTo(AWKWARD);
          assertThat(rs.getString(6)).isEqualTo("{0.000000000001,161.250}");
          assertThat(rs.getInt(7)).isZero();
        }
      }
      assertThat(fields).isEqualTo(AWKWARD);
    }
  }
}
