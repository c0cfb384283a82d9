package io.karavel.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The Karaf console of a test distribution, through its {@code bin/client} over SSH on a free
 * loopback port, as a user with a random password that exists only in this test's copy.
 */
final class KarafConsole {
  private static final String USER = "e2e";

  private final KaravelCluster cluster;
  private final int port;
  private final String password;

  private KarafConsole(KaravelCluster cluster, int port, String password) {
    this.cluster = cluster;
    this.port = port;
    this.password = password;
  }

  /** Enables the console of a prepared (not yet launched) distribution. */
  static KarafConsole enable(KaravelCluster cluster) throws IOException {
    int port = KaravelCluster.freePort();
    String password = UUID.randomUUID().toString();
    cluster.config("org.apache.karaf.shell", Map.of("sshPort", String.valueOf(port)));
    Files.writeString(
        cluster.home().resolve("etc/users.properties"),
        "\n"
            + USER
            + " = "
            + password
            + ",_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n",
        StandardOpenOption.APPEND);
    return new KarafConsole(cluster, port, password);
  }

  /** Runs one console command; returns its output, or throws with it when the command failed. */
  String run(String command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("karaf-client", ".txt");
    try {
      Process p =
          new ProcessBuilder(
                  cluster.home().resolve("bin/client").toString(),
                  "-h",
                  "127.0.0.1",
                  "-a",
                  String.valueOf(port),
                  "-u",
                  USER,
                  "-p",
                  password,
                  "-r",
                  "10",
                  command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " timed out: " + Files.readString(out));
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0 || text.contains("Error executing command")) {
        throw new IllegalStateException(command + " failed (exit " + p.exitValue() + "): " + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
