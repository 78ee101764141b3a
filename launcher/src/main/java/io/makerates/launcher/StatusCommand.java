package io.makerates.launcher;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Counts what reached every stage of the running local stack. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Print the number of bronze records, silver observations and rates, rejections, fact rows and gold keys.")
final class StatusCommand implements Callable<Integer> {

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The local stack's data folder (default: .makerates in the project root).")
  Path dataDir = LocalStack.defaultDataDir();

  @Override
  public Integer call() {
    Optional<LocalStackInfo> info = LocalStack.running(dataDir);
    if (info.isEmpty() && LocalStack.isRunning(dataDir)) {
      System.err.println("The local stack on " + dataDir.toAbsolutePath().normalize() + " is starting; try again in a moment.");
      return 1;
    }
    if (info.isEmpty()) {
      System.err.println("No local stack is running on " + dataDir.toAbsolutePath().normalize()
          + ": start one with 'bin/makerates up' (or 'up --offline').");
      return 1;
    }
    LocalStackInfo stack = info.get();
    try (TopicCounter topics = new TopicCounter(stack.bootstrapServers())) {
      System.out.printf("%-22s %d%n", "bronze records", topics.records("fx.bronze.extractions.v1"));
      System.out.printf("%-22s %d%n", "silver observations", topics.records("fx.silver.observations.v1"));
      System.out.printf("%-22s %d%n", "silver rates", topics.records("fx.silver.rates.v1"));
      System.out.printf("%-22s %d%n", "rejected", topics.records("fx.rejected.v1"));
      System.out.printf("%-22s %d%n", "fact rows", factRows(stack));
      System.out.printf("%-22s %d%n", "gold keys", topics.distinctKeys("fx.gold.rates.v1"));
      return 0;
    } catch (RuntimeException | SQLException e) {
      System.err.println("The local stack does not answer (" + e.getMessage() + "); is 'bin/makerates up' still running?");
      return 1;
    }
  }

  private static long factRows(LocalStackInfo stack) throws SQLException {
    try (Connection conn = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
         ResultSet rs = conn.createStatement().executeQuery(
             "SELECT CASE WHEN to_regclass('public.fact_rate') IS NULL THEN 0 ELSE (SELECT count(*) FROM fact_rate) END")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
