package io.makerates.launcher;

import io.makerates.launcher.audit.AuditException;
import io.makerates.launcher.audit.AuditJson;
import io.makerates.launcher.audit.BronzeLookup;
import io.makerates.launcher.audit.RateAudit;
import io.makerates.launcher.audit.TrailQuery;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.ContractTopic;
import io.makerates.schema.BronzeExtraction;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/makerates audit DATE BASE/QUOTE}: a rate traced to the raw answers it came from, each
 * verified again.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Trace a rate to its raw answers: the fact row, its revisions, every voice with its source, and each"
          + " voice's bronze record read from Kafka, its SHA-256 verified again and its value found in the raw body.",
      "Exit code 0: every voice verified; 1: something did not verify; 2: the rate or the services were not found."
    })
final class AuditCommand extends ReadingCommand {

  @Parameters(index = "0", paramLabel = "DATE", description = "The rate's date, e.g. 2026-03-12.")
  String date;

  @Parameters(
      index = "1",
      paramLabel = "BASE/QUOTE",
      description = "The pair, e.g. EUR/USD or USD/JPY.")
  String pair;

  @Option(
      names = "--revision",
      paramLabel = "N",
      description = "Audit this revision instead of the current one.")
  Integer revision;

  @Option(
      names = "--as-of",
      paramLabel = "TIME",
      description =
          "Audit the revision that was current at this time (ISO-8601, e.g. 2026-03-12T17:00:00Z).")
  String asOf;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  AuditCommand() {
    super();
  }

  AuditCommand(Supplier<Map<String, String>> environment, PrintStream out, PrintStream err) {
    super(environment, out, err, false);
  }

  @Override
  int read() throws Services.Unreachable, SQLException {
    LocalDate day;
    String[] codes = pair.toUpperCase(Locale.ROOT).split("/");
    try {
      day = LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      err.println("DATE must be an ISO date such as 2026-03-12, not '" + date + "'");
      return 2;
    }
    if (codes.length != 2 || !codes[0].matches("[A-Z]{3}") || !codes[1].matches("[A-Z]{3}")) {
      err.println("BASE/QUOTE must be two ISO 4217 codes such as EUR/USD, not '" + pair + "'");
      return 2;
    }
    if (revision != null && asOf != null) {
      err.println("give --revision or --as-of, not both");
      return 2;
    }
    Optional<Instant> at;
    try {
      at = Optional.ofNullable(asOf).map(t -> OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      err.println(
          "--as-of must be an ISO-8601 time with its offset, such as 2026-03-12T17:00:00Z, not '"
              + asOf
              + "'");
      return 2;
    }
    TrailQuery.Selection selection =
        new TrailQuery.Selection(
            revision == null ? OptionalInt.empty() : OptionalInt.of(revision), at);
    Services services = services(true);
    // the Kafka client, the registry's deserializer and the database start side by side: each
    // takes a few hundred milliseconds, most of an audit's time before any record is read
    ExecutorService starting =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "makerates-audit-start");
              t.setDaemon(true);
              return t;
            });
    CompletableFuture<Deserializer<BronzeExtraction>> values =
        CompletableFuture.supplyAsync(
            () ->
                new AvroSerdes(services.registryUrl())
                    .<BronzeExtraction>valueSerde()
                    .deserializer(),
            starting);
    CompletableFuture<BronzeLookup> bronze =
        CompletableFuture.supplyAsync(
            () ->
                new BronzeLookup(services.bootstrapServers(), values)
                    .prepare(ContractTopic.BRONZE.topic()),
            starting);
    starting.shutdown();
    try {
      RateAudit.Report report;
      try (Connection db = services.connect()) {
        report = new RateAudit(db, bronze).audit(day, codes[0], codes[1], selection);
      }
      if (json) {
        out.println(AuditJson.write(report));
      } else {
        RateAudit.print(report, out);
      }
      return report.verified() ? 0 : 1;
    } catch (AuditException e) {
      err.println(e.getMessage());
      return 2;
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause; // a Kafka client that does not start: the command's own message
      }
      throw e;
    } finally {
      bronze.thenAccept(BronzeLookup::close);
    }
  }
}
