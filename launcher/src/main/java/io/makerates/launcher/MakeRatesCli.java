package io.makerates.launcher;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/makerates}: the local pipeline's command line. */
@Command(
    name = "makerates",
    mixinStandardHelpOptions = true,
    versionProvider = MakeRatesCli.Version.class,
    description =
        "MakeRates: trustworthy daily exchange rates from several public sources, with proof of origin.",
    subcommands = {
      UpCommand.class,
      StatusCommand.class,
      AuditCommand.class,
      RatesCommand.class,
      GoldCommand.class,
      QuotaCommand.class,
      SourcesCommand.class,
      LocalReplayCommand.class,
      LocalBackfillCommand.class,
      CommandLine.HelpCommand.class
    })
public final class MakeRatesCli implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The commands that only read: their output is the answer, and they should answer at once. */
  static final Set<String> READING = Set.of("status", "audit", "rates", "gold", "quota", "sources");

  public static void main(String[] args) {
    if (args.length > 0 && READING.contains(args[0])) {
      // before the first logger exists: the apps' JSON configuration is then not loaded at all
      System.setProperty(ReadingLogs.PROPERTY, "true");
    }
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new MakeRatesCli()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** The build's version and commit. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "makerates "
            + io.makerates.runtime.ops.BuildInfo.version()
            + " ("
            + io.makerates.runtime.ops.BuildInfo.commit()
            + ")"
      };
    }
  }
}
