package io.makerates.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services the pipeline needs, started together on free loopback ports: a KRaft broker, the
 * Apicurio registry and PostgreSQL. One piece of code for the integration tests and for {@code
 * bin/makerates up}. Closing it stops all of them and deletes its folder; if the JVM dies instead,
 * the next start cleans up what it left (see {@link StackDirectory}).
 *
 * <p>With {@link Builder#dataDir} the stack keeps its data in that folder instead: Kafka's logs,
 * PostgreSQL's cluster and the registry's artifacts (SQL storage in PostgreSQL's database {@value
 * #REGISTRY_DATABASE}), and the ports it took. The folder is locked while the stack runs and never
 * deleted; the next start on it stops what a JVM killed with kill -9 left running there and goes on
 * with the same data.
 */
public final class EmbeddedStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);
  static final String REGISTRY_DATABASE = "registry";

  private static final String DB_USER = "postgres";

  /**
   * The embedded PostgreSQL trusts every connection on loopback, so this password guards nothing;
   * it is a value of its own rather than the user's name so that a test can tell it leaked into a
   * log line.
   */
  private static final String DB_PASSWORD = "local-dev-only";

  /** Which services to start and where. */
  public static final class Builder {
    private boolean kafka;
    private boolean registry;
    private boolean postgres;
    private Path root = StackDirectory.defaultRoot();
    private String name;
    private Path dataDir;
    private boolean fresh;
    private Duration timeout = Duration.ofSeconds(60);
    private final Map<String, String> brokerOverrides = new LinkedHashMap<>();

    public Builder kafka() {
      kafka = true;
      return this;
    }

    public Builder registry() {
      registry = true;
      return this;
    }

    public Builder postgres() {
      postgres = true;
      return this;
    }

    public Builder all() {
      return kafka().registry().postgres();
    }

    /**
     * A fixed folder name under the root, so that other commands can find this stack (the local run
     * uses "local").
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder root(Path root) {
      this.root = root;
      return this;
    }

    /**
     * Keeps the stack's data in {@code dataDir} (created if absent) across restarts instead of a
     * folder deleted on close; {@link #root} and {@link #name} are then not used. The registry then
     * stores its artifacts in PostgreSQL, which is started with it. Close the stack (e.g. in a
     * shutdown hook, after the apps): a JVM that exits without closing it leaves PostgreSQL and the
     * registry running until the next start on this folder stops them.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /**
     * With {@link #dataDir}: delete the data it holds first (refused while another stack runs on
     * it).
     */
    public Builder fresh(boolean fresh) {
      this.fresh = fresh;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder brokerProperty(String key, String value) {
      brokerOverrides.put(key, value);
      return this;
    }

    public EmbeddedStack start() {
      return EmbeddedStack.start(this);
    }
  }

  private final StackDirectory dir;
  private final KafkaBroker broker;
  private final ApicurioRegistry registry;
  private final Postgres postgres;

  private EmbeddedStack(
      StackDirectory dir, KafkaBroker broker, ApicurioRegistry registry, Postgres postgres) {
    this.dir = dir;
    this.broker = broker;
    this.registry = registry;
    this.postgres = postgres;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * True when a live process holds the lock of this data folder (see {@link Builder#dataDir}), this
   * JVM included.
   */
  public static boolean isRunning(Path dataDir) {
    return StackDirectory.isHeld(dataDir.toAbsolutePath().normalize());
  }

  private static EmbeddedStack start(Builder b) {
    long started = System.nanoTime();
    boolean keep = b.dataDir != null;
    if (b.fresh && !keep) {
      throw new IllegalArgumentException(
          "fresh() needs a dataDir(): an ephemeral stack always starts empty");
    }
    StackDirectory dir =
        keep
            ? StackDirectory.claimPersistent(b.dataDir, b.fresh)
            : StackDirectory.claim(b.root, b.name);
    PortBook ports = keep ? PortBook.rememberedIn(dir.path()) : PortBook.ephemeral();
    // a registry that keeps its artifacts keeps them in PostgreSQL
    boolean withPostgres = b.postgres || (keep && b.registry);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            3,
            r -> {
              Thread t = new Thread(r, "stack-start");
              t.setDaemon(true);
              return t;
            });
    CompletableFuture<KafkaBroker> broker =
        b.kafka
            ? CompletableFuture.supplyAsync(
                () -> call(() -> KafkaBroker.start(dir.resolve("kafka"), b.brokerOverrides, ports)),
                pool)
            : CompletableFuture.completedFuture(null);
    CompletableFuture<Postgres> postgres =
        withPostgres
            ? CompletableFuture.supplyAsync(
                () -> Postgres.start(dir.resolve("postgres"), ports.port("postgres"), keep), pool)
            : CompletableFuture.completedFuture(null);
    CompletableFuture<ApicurioRegistry> registry;
    if (!b.registry) {
      registry = CompletableFuture.completedFuture(null);
    } else if (keep) {
      registry =
          postgres.thenApplyAsync(
              pg ->
                  call(
                      () ->
                          ApicurioRegistry.start(
                              dir,
                              b.timeout,
                              ports,
                              new ApicurioRegistry.SqlStorage(
                                  pg.createDatabaseIfAbsent(REGISTRY_DATABASE),
                                  DB_USER,
                                  DB_PASSWORD))),
              pool);
    } else {
      registry =
          CompletableFuture.supplyAsync(
              () -> call(() -> ApicurioRegistry.start(dir, b.timeout, ports, null)), pool);
    }
    try {
      CompletableFuture.allOf(broker, registry, postgres).join();
    } catch (CompletionException e) {
      // stop whatever did start before reporting the failure
      List<AutoCloseable> running = new ArrayList<>();
      for (CompletableFuture<? extends AutoCloseable> f : List.of(broker, registry, postgres)) {
        if (!f.isCompletedExceptionally() && f.getNow(null) != null) {
          running.add(f.getNow(null));
        }
      }
      closeAll(running);
      dir.release(false);
      Throwable cause =
          e.getCause() instanceof CompletionException c && c.getCause() != null
              ? c.getCause()
              : e.getCause();
      throw new IllegalStateException(
          "the embedded stack did not start: " + cause.getMessage(), cause);
    } finally {
      pool.shutdown();
    }
    EmbeddedStack stack = new EmbeddedStack(dir, broker.join(), registry.join(), postgres.join());
    Map<String, String> addresses = new LinkedHashMap<>(stack.env());
    addresses.remove("MAKERATES_DATABASE_PASSWORD"); // no secret in a log line, not even this one
    LOG.info(
        "embedded stack ready in {} ms: {}", (System.nanoTime() - started) / 1_000_000, addresses);
    return stack;
  }

  private interface Starter<T> {
    T start() throws Exception;
  }

  private static <T> T call(Starter<T> starter) {
    try {
      return starter.start();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  public String bootstrapServers() {
    return require(broker, "kafka").bootstrapServers();
  }

  /** The registry's v3 API root, as the serdes expect it. */
  public String registryUrl() {
    return require(registry, "registry").url();
  }

  /** True when this stack keeps its data in its folder ({@link Builder#dataDir}). */
  public boolean persistent() {
    return dir.persistent();
  }

  public String jdbcUrl() {
    return require(postgres, "postgres").jdbcUrl();
  }

  public int postgresPort() {
    return require(postgres, "postgres").port();
  }

  public String dbUser() {
    return DB_USER;
  }

  public String dbPassword() {
    return DB_PASSWORD;
  }

  /**
   * The stack's own folder (Kafka logs, PostgreSQL data, registry log); deleted on close unless it
   * is a data dir.
   */
  public Path directory() {
    return dir.path();
  }

  /** Client properties for the broker: bootstrap.servers. */
  public Properties kafkaProperties() {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers());
    return props;
  }

  /**
   * The environment variables that point an app at this stack, as a Kubernetes Deployment would set
   * them.
   */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    if (broker != null) {
      env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
    }
    if (registry != null) {
      env.put("MAKERATES_REGISTRY_URL", registryUrl());
    }
    if (postgres != null) {
      env.put("MAKERATES_DATABASE_URL", jdbcUrl());
      env.put("MAKERATES_DATABASE_USER", dbUser());
      env.put("MAKERATES_DATABASE_PASSWORD", dbPassword());
    }
    return env;
  }

  /**
   * Writes a file into the stack's folder (e.g. connection details for {@code bin/makerates
   * status}).
   */
  public void writeFile(String name, String content) {
    try {
      Files.writeString(dir.resolve(name), content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static <T> T require(T service, String name) {
    if (service == null) {
      throw new IllegalStateException("this stack was built without " + name);
    }
    return service;
  }

  @Override
  public void close() {
    List<AutoCloseable> services = new ArrayList<>();
    if (broker != null) {
      services.add(broker);
    }
    if (registry != null) {
      services.add(registry);
    }
    if (postgres != null) {
      services.add(postgres);
    }
    closeAll(services);
    dir.release(false);
  }

  private static void closeAll(List<AutoCloseable> services) {
    services.parallelStream()
        .forEach(
            s -> {
              try {
                s.close();
              } catch (Exception e) {
                LOG.warn("stopping {} failed", s.getClass().getSimpleName(), e);
              }
            });
  }
}
