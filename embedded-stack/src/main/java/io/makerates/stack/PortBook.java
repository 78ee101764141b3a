package io.makerates.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The loopback ports of a stack's services. An ephemeral stack takes fresh free ports; a persistent
 * one remembers them in its data folder and takes the same ones again while they are free, so the
 * broker's controller voter and registered listener, and whatever a user pointed at the stack, stay
 * the same across restarts.
 */
final class PortBook {

  static final String FILE = "ports.properties";

  private final Path file;
  private final Properties ports = new Properties();

  private PortBook(Path file) {
    this.file = file;
    if (file != null && Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        ports.load(in);
      } catch (IOException | IllegalArgumentException e) {
        ports.clear(); // a damaged file only costs new ports
      }
    }
  }

  static PortBook ephemeral() {
    return new PortBook(null);
  }

  static PortBook rememberedIn(Path dir) {
    return new PortBook(dir.resolve(FILE));
  }

  /**
   * The remembered port of {@code service} if it is free now, else a new free one (then
   * remembered).
   */
  synchronized int port(String service) {
    String remembered = ports.getProperty(service);
    if (remembered != null) {
      try {
        int port = Integer.parseInt(remembered.trim());
        if (isFree(port)) {
          return port;
        }
      } catch (NumberFormatException e) {
        // take a new one
      }
    }
    int port = FreePorts.next();
    if (file != null) {
      ports.setProperty(service, Integer.toString(port));
      try (Writer out = Files.newBufferedWriter(file)) {
        ports.store(
            out,
            "ports of this stack's services, taken again at the next start while they are free");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return port;
  }

  static boolean isFree(int port) {
    if (port <= 0 || port > 65535) {
      return false;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(
          true); // as the services bind: a port in TIME_WAIT after our own stop is free for them
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
