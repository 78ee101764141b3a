package io.makerates.sink;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool to the star schema and its Flyway migrations (classpath:db/migration). */
final class StarSchema {

  private StarSchema() {}

  static HikariDataSource pool(SinkConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("makerates-sink");
    hikari.setJdbcUrl(config.databaseUrl());
    hikari.setUsername(config.databaseUser());
    hikari.setPassword(config.databasePassword());
    // one connection per writer lane, one for the dimension rows and the offset reads, one for the health check
    hikari.setMaximumPoolSize(config.writerLanes() + 2);
    hikari.setAutoCommit(true);
    // start even when the database comes up after us; readiness reports it until then
    hikari.setInitializationFailTimeout(-1);
    return new HikariDataSource(hikari);
  }

  static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }
}
