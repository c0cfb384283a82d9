package io.karavel.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code etcdctl} (v3 API) against one etcd, to see what the API server stored. */
final class Etcdctl {
  private final String endpoints;

  Etcdctl(String endpoints) {
    this.endpoints = endpoints;
  }

  /** The keys under {@code prefix}, one per element. */
  List<String> keys(String prefix) throws IOException, InterruptedException {
    List<String> keys = new ArrayList<>();
    for (String line : run("get", "--prefix", "--keys-only", prefix).split("\n")) {
      if (!line.isBlank()) {
        keys.add(line.strip());
      }
    }
    return keys;
  }

  /** The value of {@code key}, or the empty string when it does not exist. */
  String value(String key) throws IOException, InterruptedException {
    return run("get", "--print-value-only", key).strip();
  }

  String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("etcdctl", "--endpoints=" + endpoints));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("ETCDCTL_API", "3");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(
          "etcdctl " + String.join(" ", args) + ": " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
