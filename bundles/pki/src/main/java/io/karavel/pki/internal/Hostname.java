package io.karavel.pki.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine's host name, read locally: {@code InetAddress.getLocalHost()} may query DNS, and
 * certificate generation must not depend on (or cause) network traffic.
 */
final class Hostname {

  private Hostname() {}

  static Optional<String> local() {
    String name = null;
    try {
      Path kernel = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(kernel)) {
        name = Files.readString(kernel);
      }
    } catch (IOException e) {
      name = null;
    }
    if (name == null || name.isBlank()) {
      name = System.getenv("HOSTNAME");
    }
    if (name == null || name.isBlank()) {
      name = System.getenv("COMPUTERNAME");
    }
    return Optional.ofNullable(name)
        .map(String::strip)
        .filter(n -> !n.isEmpty())
        .map(n -> n.toLowerCase(Locale.ROOT));
  }
}
