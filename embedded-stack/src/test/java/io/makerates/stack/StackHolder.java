package io.makerates.stack;

import java.nio.file.Path;

/**
 * Starts a stack in its own JVM and waits: the tests kill this JVM with SIGKILL to leave orphans
 * behind. Arguments: the root of an ephemeral stack (registry and PostgreSQL), or {@code --data-dir
 * DIR} for a whole stack keeping its data.
 */
public final class StackHolder {
  public static void main(String[] args) throws Exception {
    EmbeddedStack stack =
        args[0].equals("--data-dir")
            ? EmbeddedStack.builder().all().dataDir(Path.of(args[1])).start()
            : EmbeddedStack.builder().registry().postgres().root(Path.of(args[0])).start();
    if (stack.persistent()) {
      System.out.println(
          "ENV " + stack.bootstrapServers() + " " + stack.registryUrl() + " " + stack.jdbcUrl());
    }
    System.out.println("READY " + stack.directory());
    System.out.flush();
    Thread.currentThread().join();
  }
}
