package io.karavel.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real etcd cluster of several members on loopback ports of its own, each a child process with
 * its data under one temporary directory, killed, restarted, stopped and continued by PID.
 */
final class EtcdCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final int[] clientPorts;
  private final int[] peerPorts;
  private final Process[] members;

  private EtcdCluster(Path dir, int size) throws IOException {
    this.dir = dir;
    this.clientPorts = new int[size];
    this.peerPorts = new int[size];
    this.members = new Process[size];
    for (int i = 0; i < size; i++) {
      clientPorts[i] = KaravelCluster.freePort();
      peerPorts[i] = KaravelCluster.freePort();
    }
  }

  /** Starts {@code size} members and waits until each answers healthy. */
  static EtcdCluster start(int size) throws Exception {
    return start(size, Files.createTempDirectory("karavel-etcd-cluster-"));
  }

  /**
   * As {@link #start(int)}, with the members' data directories on tmpfs ({@code /dev/shm}) when
   * there is one: etcd still calls fsync on every commit, but it returns at memory speed, as on a
   * dedicated NVMe disk, instead of queueing behind whatever else writes to this machine's one
   * virtual disk. Loses nothing a test needs: kill -9 keeps tmpfs files, only a reboot does not.
   */
  static EtcdCluster startOnTmpfs(int size) throws Exception {
    Path shm = Path.of("/dev/shm");
    return start(
        size,
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "karavel-etcd-cluster-")
            : Files.createTempDirectory("karavel-etcd-cluster-"));
  }

  /** The directory holding the members' data directories and logs. */
  Path directory() {
    return dir;
  }

  private static EtcdCluster start(int size, Path dir) throws Exception {
    EtcdCluster c = new EtcdCluster(dir, size);
    try {
      for (int i = 0; i < size; i++) {
        c.launch(i, "new");
      }
      for (int i = 0; i < size; i++) {
        c.awaitHealthy(i, Duration.ofSeconds(60));
      }
    } catch (Exception | AssertionError e) {
      c.close();
      throw e;
    }
    return c;
  }

  private String name(int i) {
    return "m" + i;
  }

  private String initialCluster() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < members.length; i++) {
      parts.add(name(i) + "=http://127.0.0.1:" + peerPorts[i]);
    }
    return String.join(",", parts);
  }

  private void launch(int i, String state) throws IOException {
    String client = "http://127.0.0.1:" + clientPorts[i];
    String peer = "http://127.0.0.1:" + peerPorts[i];
    ProcessBuilder pb =
        new ProcessBuilder(
            "/usr/bin/etcd",
            "--name=" + name(i),
            "--data-dir=" + dir.resolve(name(i)),
            "--listen-client-urls=" + client,
            "--advertise-client-urls=" + client,
            "--listen-peer-urls=" + peer,
            "--initial-advertise-peer-urls=" + peer,
            "--initial-cluster=" + initialCluster(),
            "--initial-cluster-state=" + state,
            "--initial-cluster-token=karavel-faults",
            "--logger=zap",
            "--log-level=warn");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name(i) + ".log").toFile()));
    members[i] = pb.start();
  }

  void awaitHealthy(int i, Duration timeout) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!members[i].isAlive()) {
        throw new IllegalStateException(name(i) + " exited: " + log(i));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(endpoint(i) + "/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"true\"")) {
          return;
        }
      } catch (IOException e) {
        // not ready
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(name(i) + " not healthy after " + timeout + ": " + log(i));
  }

  String endpoint(int i) {
    return "http://127.0.0.1:" + clientPorts[i];
  }

  /** Every member's client URL, comma-separated. */
  String endpoints() {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < members.length; i++) {
      all.add(endpoint(i));
    }
    return String.join(",", all);
  }

  /** The index of the member that is leader now, asked of the members that answer. */
  int leader() throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      for (int i = 0; i < members.length; i++) {
        if (!members[i].isAlive()) {
          continue;
        }
        try {
          JsonNode status =
              JSON.readTree(new Etcdctl(endpoint(i)).run("endpoint", "status", "-w", "json"));
          JsonNode s = status.path(0).path("Status");
          long leader = s.path("leader").asLong();
          long self = s.path("header").path("member_id").asLong();
          if (leader != 0 && leader == self) {
            return i;
          }
        } catch (IllegalStateException e) {
          // that member does not answer now
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no leader");
  }

  long pid(int i) {
    return members[i].pid();
  }

  /** SIGKILL, as a crash. */
  void kill9(int i) throws InterruptedException {
    members[i].destroyForcibly();
    members[i].waitFor();
  }

  /** Starts a killed member again on its data directory. */
  void restart(int i) throws Exception {
    launch(i, "existing");
    awaitHealthy(i, Duration.ofSeconds(60));
  }

  void signal(int i, String signal) throws Exception {
    Process p = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid(i))).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + pid(i) + " failed");
    }
  }

  String log(int i) {
    try {
      return Files.readAllLines(dir.resolve(name(i) + ".log")).stream()
          .skip(Math.max(0, Files.readAllLines(dir.resolve(name(i) + ".log")).size() - 20))
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() throws Exception {
    for (Process p : members) {
      if (p != null && p.isAlive()) {
        ProcessHandle.of(p.pid()).ifPresent(h -> h.destroyForcibly());
        // A stopped process must be continued to die from SIGTERM; SIGKILL needs no such help.
        p.waitFor();
      }
    }
    KaravelCluster.deleteTree(dir);
  }
}
