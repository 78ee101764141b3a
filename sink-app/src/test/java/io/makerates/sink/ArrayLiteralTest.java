package io.makerates.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.stack.EmbeddedStack;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The lineage arrays as PostgreSQL reads them: every element back as it was, whatever characters it holds. */
@Tag("integration")
class ArrayLiteralTest {

  @Test
  void postgresReadsBackEveryElementUnchanged() throws Exception {
    List<String> elements = Arrays.asList("plain", "a,b", "{braces}", "say \"no\"", "back\\slash", " spaced ", "",
        null, "NULL", "ünïcode €");
    ArrayLiteral literal = new ArrayLiteral();
    elements.forEach(literal::add);
    ArrayLiteral numbers = new ArrayLiteral().add(new BigDecimal("1E-12")).add(new BigDecimal("161.250"));

    try (EmbeddedStack stack = EmbeddedStack.builder().postgres().start();
        Connection db = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        PreparedStatement st = db.prepareStatement("SELECT ?::text[], ?::numeric[]::text, ?::text[]")) {
      st.setString(1, literal.toString());
      st.setString(2, numbers.toString());
      st.setString(3, new ArrayLiteral().toString());
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(new ArrayList<>(Arrays.asList((Object[]) rs.getArray(1).getArray()))).isEqualTo(elements);
        // a decimal goes in plain, never in scientific notation, and keeps its scale
        assertThat(rs.getString(2)).isEqualTo("{0.000000000001,161.250}");
        assertThat((Object[]) rs.getArray(3).getArray()).isEmpty();
      }
    }
  }
}
