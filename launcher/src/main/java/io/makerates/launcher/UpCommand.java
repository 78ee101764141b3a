package io.makerates.launcher;

import io.makerates.stack.EmbeddedStack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the whole pipeline on this machine: embedded broker, registry and PostgreSQL, then the three apps. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline locally on an embedded stack until Ctrl-C.")
final class UpCommand implements java.util.concurrent.Callable<Integer> {

  @Option(names = "--offline", description = "Serve sample source answers from a stub on loopback instead of calling the internet.")
  boolean offline;

  @Option(names = "--poll-interval", defaultValue = "6h", description = "How often each source is polled (default ${DEFAULT-VALUE}).")
  String pollInterval;

  @Option(names = "--stack-root", hidden = true, description = "Folder that holds the local stack's working files.")
  Path stackRoot = StatusCommand.defaultStackRoot();

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    System.out.println("Starting the embedded stack (KRaft broker, Apicurio registry, PostgreSQL)...");
    EmbeddedStack stack = EmbeddedStack.builder().all().root(stackRoot).name(LocalStackInfo.STACK_NAME).start();
    OfflineSourceStub stub = offline ? new OfflineSourceStub(Clock.systemUTC()) : null;
    CountDownLatch stopped = new CountDownLatch(1);
    LocalPipeline[] pipeline = new LocalPipeline[1];
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("Stopping MakeRates...");
      if (pipeline[0] != null) {
        pipeline[0].close();
      }
      if (stub != null) {
        stub.close();
      }
      stack.close();
      System.out.println("Stopped; nothing left running.");
      stopped.countDown();
    }, "makerates-stop"));

    Map<String, String> env = new LinkedHashMap<>();
    env.put("MAKERATES_SOURCE_FRANKFURTER_INTERVAL", pollInterval);
    if (stub != null) {
      env.put("MAKERATES_SOURCE_FRANKFURTER_BASE_URL", stub.frankfurterBaseUrl());
      System.out.println("Offline: sources are served by a stub at " + stub.frankfurterBaseUrl());
    }
    System.out.println("Starting sink-app, streams-app and extractor-app...");
    pipeline[0] = LocalPipeline.start(stack, env);
    LocalStackInfo.of(stack.env(), env).write(stack.directory().resolve(LocalStackInfo.FILE));

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!pipeline[0].ready() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(200);
    }
    System.out.printf("MakeRates is %s after %.1f s.%n", pipeline[0].ready() ? "up" : "starting (not all apps ready yet)",
        (System.nanoTime() - started) / 1e9);
    System.out.println("  Kafka:      " + stack.bootstrapServers());
    System.out.println("  Registry:   " + stack.registryUrl());
    System.out.println("  PostgreSQL: " + stack.jdbcUrl() + " (user postgres)");
    pipeline[0].apps().forEach(a -> System.out.printf("  %-14s http://127.0.0.1:%d/health/ready  /metrics%n", a.name(), a.ops().port()));
    System.out.println("Run 'bin/makerates status' for counts at every stage; Ctrl-C stops everything.");
    stopped.await();
    return 0;
  }
}
