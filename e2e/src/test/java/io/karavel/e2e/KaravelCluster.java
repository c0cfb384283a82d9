package io.karavel.e2e;

import io.karavel.pki.Kubeconfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A running all-in-one distribution, unpacked into a fresh directory, on a free loopback port.
 * Started as a child process and stopped by its PID: gracefully, or with SIGKILL for crash tests.
 */
public final class KaravelCluster implements AutoCloseable {

  private final Path home;
  private final int port;
  private Process process;

  private KaravelCluster(Path home, int port) {
    this.home = home;
    this.port = port;
  }

  /** Copies the distribution built by Maven into a new directory and starts it. */
  public static KaravelCluster start() throws Exception {
    return start(Map.of());
  }

  /** As {@link #start()}, with these keys added to {@code etc/io.karavel.apiserver.cfg}. */
  public static KaravelCluster start(Map<String, String> apiServerConfig) throws Exception {
    Path dist = distribution();
    Path home = Files.createTempDirectory("karavel-e2e-");
    copyTree(dist, home);
    KaravelCluster c = new KaravelCluster(home, freePort());
    c.configure(apiServerConfig);
    c.launch();
    return c;
  }

  /**
   * Copies the distribution unpacked under {@code root} (for example the control plane's) into a
   * new directory on a free port, without starting it: set configuration with {@link #config}, then
   * {@link #launch()}.
   */
  public static KaravelCluster prepare(Path root) throws Exception {
    return prepareCopy(distribution(root));
  }

  /** As {@link #prepare(Path)}, with the all-in-one distribution the build unpacked. */
  public static KaravelCluster prepare() throws Exception {
    return prepareCopy(distribution());
  }

  private static KaravelCluster prepareCopy(Path dist) throws Exception {
    Path home = Files.createTempDirectory("karavel-e2e-");
    copyTree(dist, home);
    KaravelCluster c = new KaravelCluster(home, freePort());
    c.configure(Map.of());
    return c;
  }

  /** Sets {@code keys} in {@code etc/<pid>.cfg}, replacing lines that set them already. */
  public KaravelCluster config(String pid, Map<String, String> keys) throws IOException {
    Path cfg = home.resolve("etc/" + pid + ".cfg");
    String text = Files.exists(cfg) ? Files.readString(cfg) : "";
    StringBuilder added = new StringBuilder("\n");
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(keys).entrySet()) {
      text = text.replaceAll("(?m)^\\s*" + Pattern.quote(e.getKey()) + "\\s*=.*$", "");
      added.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    Files.writeString(cfg, text + added);
    return this;
  }

  static Path distribution() throws IOException {
    return distribution(Path.of(System.getProperty("karavel.distribution", "target/distribution")));
  }

  static Path distribution(Path root) throws IOException {
    try (var s = Files.list(root)) {
      return s.filter(Files::isDirectory)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no distribution under " + root));
    }
  }

  private void configure(Map<String, String> extra) throws IOException {
    Path cfg = home.resolve("etc/io.karavel.apiserver.cfg");
    String text = Files.exists(cfg) ? Files.readString(cfg) : "";
    StringBuilder added = new StringBuilder("\nport=" + port + "\nbindAddress=127.0.0.1\n");
    Map<String, String> keys = new java.util.TreeMap<>(extra);
    keys.put("port", null);
    keys.put("bindAddress", null);
    for (Map.Entry<String, String> e : keys.entrySet()) {
      text = text.replaceAll("(?m)^\\s*" + Pattern.quote(e.getKey()) + "\\s*=.*$", "");
      if (e.getValue() != null) {
        added.append(e.getKey()).append('=').append(e.getValue()).append('\n');
      }
    }
    Files.writeString(cfg, text + added);
  }

  /** TLS with the cluster's CA and the admin client certificate, from the admin kubeconfig. */
  public SSLContext adminTls() throws Exception {
    return Kubeconfig.read(kubeconfig()).sslContext();
  }

  /**
   * Starts (or restarts) the Karaf process and waits until {@code /readyz} answers ok; stops it
   * again if it does not.
   */
  public void launch() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server");
    pb.directory(home.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(home.resolve("console.log").toFile());
    process = pb.start();
    try {
      waitReady(Duration.ofSeconds(90));
    } catch (Exception | Error e) {
      // A start that never became ready must not leave Karaf running (and holding a core and
      // its ports) behind the failed test.
      stop();
      throw e;
    }
  }

  private void waitReady(Duration timeout) throws Exception {
    HttpClient http = insecureClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Karaf exited with " + process.exitValue() + ": " + tail());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url() + "/readyz"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && Files.exists(kubeconfig())) {
          return;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("not ready after " + timeout + ": " + last + "\n" + tail());
  }

  private static HttpClient insecureClient() throws Exception {
    // Only for polling /readyz before the CA is known; real calls verify the cluster CA.
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] c, String a) {}

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        new SecureRandom());
    return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(2)).build();
  }

  public String url() {
    return "https://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path home() {
    return home;
  }

  public Path kubeconfig() {
    return home.resolve("data/admin.kubeconfig");
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Kills the JVM and the {@code bin/karaf} script that started it with SIGKILL, as a crash. The
   * script runs Java as a child (it does not {@code exec} it), so the JVM is killed first.
   */
  public void kill9() throws InterruptedException {
    List<ProcessHandle> tree = tree();
    tree.forEach(ProcessHandle::destroyForcibly);
    awaitExit(tree, Duration.ofSeconds(30));
  }

  /** Stops gracefully (SIGTERM to the JVM and the script), then forcibly. */
  public void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    List<ProcessHandle> tree = tree();
    tree.forEach(ProcessHandle::destroy);
    if (!awaitExit(tree, Duration.ofSeconds(30))) {
      tree.forEach(ProcessHandle::destroyForcibly);
      awaitExit(tree, Duration.ofSeconds(10));
    }
  }

  /** The JVM and its other descendants first, then the script. */
  private List<ProcessHandle> tree() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    Collections.reverse(all);
    all.add(process.toHandle());
    return all;
  }

  private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle h : handles) {
      while (h.isAlive()) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(20);
      }
    }
    return true;
  }

  public String tail() {
    try {
      Path log = home.resolve("data/log/karaf.log");
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      List<String> console =
          Files.exists(home.resolve("console.log"))
              ? Files.readAllLines(home.resolve("console.log"))
              : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))
          + "\n--- console ---\n"
          + String.join("\n", console.subList(Math.max(0, console.size() - 20), console.size()));
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() throws Exception {
    stop();
    if (!Boolean.getBoolean("karavel.keep")) {
      deleteTree(home);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.COPY_ATTRIBUTES);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  static void deleteTree(Path root) {
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
