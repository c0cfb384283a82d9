package io.karavel.store.etcd.internal;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real single-member etcd for tests, started as a child process on free loopback ports with its
 * data in a temporary directory, and stopped by its PID.
 *
 * <p>The binary is {@code /usr/bin/etcd} (Debian's {@code etcd-server}), or the system property
 * {@code karavel.etcd.binary}. Without it the tests fail, unless {@code karavel.etcd.optional=true}
 * lets them be skipped.
 */
public final class EtcdProcess implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Path dir;
  private final long pid;
  private final String clientUrl;
  private final Process process;

  private EtcdProcess(Path dir, Process process, String clientUrl) {
    this.dir = dir;
    this.process = process;
    this.pid = process.pid();
    this.clientUrl = clientUrl;
  }

  /** Starts etcd with {@code extraArgs} and waits until it is healthy. */
  public static EtcdProcess start(String... extraArgs) throws Exception {
    return start(List.of(extraArgs), "http");
  }

  /** Starts etcd serving clients over {@code scheme} (http or https). */
  public static EtcdProcess start(List<String> extraArgs, String scheme) throws Exception {
    Path binary = binary();
    Path dir = Files.createTempDirectory("karavel-etcd-");
    int clientPort = freePort();
    int peerPort = freePort(clientPort);
    int metricsPort = freePort(clientPort, peerPort);
    String clientUrl = scheme + "://127.0.0.1:" + clientPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    // Plain /health whatever the client scheme, so that readiness needs no certificates.
    String metricsUrl = "http://127.0.0.1:" + metricsPort;
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--name=karavel-test",
            "--data-dir=" + dir.resolve("data"),
            "--listen-client-urls=" + clientUrl,
            "--advertise-client-urls=" + clientUrl,
            "--listen-peer-urls=" + peerUrl,
            "--initial-advertise-peer-urls=" + peerUrl,
            "--initial-cluster=karavel-test=" + peerUrl,
            "--initial-cluster-state=new",
            "--listen-metrics-urls=" + metricsUrl,
            "--logger=zap",
            "--log-level=warn"));
    command.addAll(extraArgs);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("etcd.log").toFile())
            .start();
    EtcdProcess etcd = new EtcdProcess(dir, process, clientUrl);
    try {
      etcd.awaitHealthy(URI.create(metricsUrl + "/health"));
    } catch (Exception | AssertionError e) {
      etcd.close();
      throw e;
    }
    return etcd;
  }

  private static Path binary() {
    Path binary = Path.of(System.getProperty("karavel.etcd.binary", "/usr/bin/etcd"));
    if (Files.isExecutable(binary)) {
      return binary;
    }
    String message =
        "etcd is needed for these tests but "
            + binary
            + " is missing: install it with `apt-get install -y etcd-server`, point"
            + " -Dkaravel.etcd.binary at one, or pass -Dkaravel.etcd.optional=true to skip them";
    if (Boolean.getBoolean("karavel.etcd.optional")) {
      Assumptions.abort(message);
    }
    return fail(message);
  }

  private static int freePort(int... taken) throws IOException {
    while (true) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = s.getLocalPort();
        if (java.util.Arrays.stream(taken).noneMatch(t -> t == port)) {
          return port;
        }
      }
    }
  }

  private void awaitHealthy(URI healthUrl) throws Exception {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(healthUrl).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      ensureAlive();
      try {
        HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("true")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    fail("etcd did not become healthy within " + STARTUP + "; its log:\n" + log());
  }

  private void ensureAlive() {
    if (!process.isAlive()) {
      fail("etcd exited with " + process.exitValue() + "; its log:\n" + log());
    }
  }

  /** The etcd process's id (for signals in fault tests). */
  public long pid() {
    return pid;
  }

  public int port() {
    return URI.create(clientUrl).getPort();
  }

  public String clientUrl() {
    return clientUrl;
  }

  public Path dir() {
    return dir;
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("etcd.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Stops etcd by its PID and deletes its data. */
  @Override
  public void close() throws Exception {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isPresent()) {
      ProcessHandle h = handle.get();
      h.destroy();
      try {
        h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        h.destroyForcibly();
        h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(EtcdProcess::delete);
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
