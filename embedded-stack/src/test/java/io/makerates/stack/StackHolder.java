package io.makerates.stack;

import java.nio.file.Path;

/** Starts a stack in its own JVM and waits: the test kills this JVM with SIGKILL to leave orphans behind. */
public final class StackHolder {
  public static void main(String[] args) throws Exception {
    EmbeddedStack stack = EmbeddedStack.builder().registry().postgres().root(Path.of(args[0])).start();
    System.out.println("READY " + stack.directory());
    System.out.flush();
    Thread.currentThread().join();
  }
}
