package io.makerates.launcher;

import io.makerates.extractor.ExtractorSettings;
import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What {@code up} configures the three apps with: the same variables as their Deployments, from a
 * file that {@code --config} names and from the shell, the shell winning. The stack's own addresses
 * always win over both, since {@code up} runs against the embedded stack it starts.
 */
final class UpConfiguration {

  /** Set by the local stack; a value given for one of them is ignored, with a warning. */
  static final Set<String> STACK_OWNED =
      Set.of(
          "KAFKA_BOOTSTRAP_SERVERS",
          "MAKERATES_REGISTRY_URL",
          "MAKERATES_DATABASE_URL",
          "MAKERATES_DATABASE_USER",
          "MAKERATES_DATABASE_PASSWORD",
          "MAKERATES_STATE_DIR");

  /** Read by bin/makerates and the embedded registry, not by the apps' settings. */
  static final Set<String> READ_ELSEWHERE =
      Set.of("MAKERATES_LOG_LEVEL", "MAKERATES_APICURIO_ARCHIVE");

  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(PASSWORD|SECRET|TOKEN|API_KEY|CREDENTIAL)(?!_FILE).*");
  private static final Pattern LINE =
      Pattern.compile("(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)");

  /** One variable and where its value came from. */
  record Entry(String value, String origin) {}

  private final Map<String, Entry> entries;
  private final List<String> sources;
  private final List<String> warnings;

  private UpConfiguration(Map<String, Entry> entries, List<String> sources, List<String> warnings) {
    this.entries = entries;
    this.sources = sources;
    this.warnings = warnings;
  }

  /**
   * @param shell the process environment; only its {@code MAKERATES_*} variables count (a shell's
   *     {@code KAFKA_*} often belong to other tools), while a config file may set Kafka client
   *     properties too
   * @param offlineBaseUrl the offline stub's address: every source is pointed at its type's answers
   *     there, polled at once and then every interval (not at its publication time); without
   *     MAKERATES_SOURCES the extractor's default sources run, each of a type the stub serves
   */
  static UpConfiguration resolve(
      Map<String, String> shell,
      Optional<Path> configFile,
      String pollInterval,
      Optional<String> offlineBaseUrl) {
    return resolve(shell, configFile, pollInterval, offlineBaseUrl, Optional.empty());
  }

  /**
   * @param offlineKey a placeholder key file: offline, without MAKERATES_SOURCES, the keyed types
   *     run too, with it (the stub asks for no key)
   */
  static UpConfiguration resolve(
      Map<String, String> shell,
      Optional<Path> configFile,
      String pollInterval,
      Optional<String> offlineBaseUrl,
      Optional<Path> offlineKey) {
    Map<String, Entry> entries = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    configFile.ifPresent(
        file ->
            readFile(file)
                .forEach(
                    (name, value) ->
                        entries.put(name, new Entry(value, file.getFileName().toString()))));
    shell.forEach(
        (name, value) -> {
          if (name.startsWith(Settings.APP_PREFIX) && !READ_ELSEWHERE.contains(name)) {
            entries.put(name, new Entry(value, UnreadVariables.SHELL));
          }
        });
    for (String owned : STACK_OWNED) {
      Entry given = entries.remove(owned);
      if (given != null) {
        warnings.add(
            owned
                + " ("
                + given.origin()
                + ") is ignored: 'up' runs against its own embedded stack");
      }
    }
    // online, MAKERATES_SOURCES stays unset unless given: the extractor's default list comes with
    // its failover (a mirror to its group's publisher), which a list spelled out would drop
    List<String> sources =
        new Settings(plain(entries))
            .list("sources", ExtractorSettings.DEFAULT_SOURCES).stream()
                .map(s -> s.toLowerCase(Locale.ROOT))
                .toList();
    if (offlineBaseUrl.isPresent() && !entries.containsKey("MAKERATES_SOURCES")) {
      // offline, the default list is the default sources the stub serves, each with its
      // default failover among them
      sources =
          OfflineSourceStub.SERVED.stream()
              .filter(
                  id -> offlineKey.isPresent() || ExtractorSettings.DEFAULT_SOURCES.contains(id))
              .toList();
      for (String id : sources) {
        if (!ExtractorSettings.DEFAULT_SOURCES.contains(id)) {
          entries.putIfAbsent(
              "MAKERATES_SOURCE_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_API_KEY_FILE",
              new Entry(offlineKey.orElseThrow().toString(), "--offline"));
        }
      }
      entries.put("MAKERATES_SOURCES", new Entry(String.join(",", sources), "--offline"));
      for (String id : sources) {
        List<String> failover = ExtractorSettings.defaultFailover(id);
        if (!failover.isEmpty() && sources.containsAll(failover)) {
          entries.putIfAbsent(
              "MAKERATES_SOURCE_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_FAILOVER",
              new Entry(String.join(",", failover), "--offline"));
        }
      }
    }
    for (String id : sources) {
      String prefix = "MAKERATES_SOURCE_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
      entries.putIfAbsent(prefix + "INTERVAL", new Entry(pollInterval, "--poll-interval"));
      if (offlineBaseUrl.isPresent()) {
        Entry type = entries.get(prefix + "TYPE");
        String typeName = type == null ? id : type.value().trim().toLowerCase(Locale.ROOT);
        if (!OfflineSourceStub.serves(typeName)) {
          throw new ConfigException(
              "source '"
                  + id
                  + "' is of type "
                  + typeName
                  + ", which the offline stub does not serve: "
                  + "offline, every source in MAKERATES_SOURCES must be of one of the types "
                  + OfflineSourceStub.SERVED);
        }
        entries.putIfAbsent(prefix + "DAILY_AT", new Entry("none", "--offline"));
        Entry given =
            entries.put(
                prefix + "BASE_URL",
                new Entry(OfflineSourceStub.baseUrl(offlineBaseUrl.get(), typeName), "--offline"));
        if (given != null) {
          warnings.add(
              prefix
                  + "BASE_URL ("
                  + given.origin()
                  + ") is replaced by the offline stub's address");
        }
      }
    }
    return new UpConfiguration(entries, sources, warnings);
  }

  /**
   * Reads every app's settings from this configuration as the apps will, with stand-ins for the
   * stack's addresses, so that a bad value is refused before anything starts; returns the
   * configuration with a warning added for each variable given that no app reads and that looks
   * meant for one ({@link UnreadVariables}).
   *
   * @throws ConfigException naming the variable
   */
  UpConfiguration checked() {
    Map<String, String> env = new LinkedHashMap<>(LocalStack.STAND_INS);
    env.putAll(env());
    Settings read = LocalPipeline.checkSettings(env);
    Map<String, String> origins = new TreeMap<>();
    entries.forEach((name, entry) -> origins.put(name, entry.origin()));
    List<String> all = new ArrayList<>(warnings);
    all.addAll(UnreadVariables.warnings(origins, read, sources));
    return new UpConfiguration(entries, sources, all);
  }

  /**
   * {@code NAME=value} lines; blank lines and {@code #} comments skipped, {@code export} and quotes
   * allowed.
   */
  static Map<String, String> readFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("the configuration file " + file + " is not found");
    } catch (IOException e) {
      throw new ConfigException(
          "the configuration file " + file + " cannot be read: " + e.getMessage());
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      var match = LINE.matcher(line);
      if (!match.matches()) {
        throw new ConfigException(file + " line " + (i + 1) + " is not NAME=value: " + line);
      }
      String name = match.group(1);
      if (!name.startsWith(Settings.APP_PREFIX) && !name.startsWith(Settings.KAFKA_PREFIX)) {
        throw new ConfigException(
            file
                + " line "
                + (i + 1)
                + " sets "
                + name
                + ": the apps read only MAKERATES_* and KAFKA_* variables");
      }
      values.put(name, unquote(match.group(2).strip()));
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static Map<String, String> plain(Map<String, Entry> entries) {
    Map<String, String> env = new LinkedHashMap<>();
    entries.forEach((name, entry) -> env.put(name, entry.value()));
    return env;
  }

  /** The variables for the apps. */
  Map<String, String> env() {
    return plain(entries);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** One line per variable with its origin, secrets redacted, for the terminal. */
  List<String> describe() {
    List<String> lines = new ArrayList<>();
    entries.forEach(
        (name, entry) ->
            lines.add(name + "=" + redact(name, entry.value()) + "  (" + entry.origin() + ")"));
    return lines;
  }

  static String redact(String name, String value) {
    return SECRET_NAME.matcher(name).matches() ? "********" : value;
  }
}
