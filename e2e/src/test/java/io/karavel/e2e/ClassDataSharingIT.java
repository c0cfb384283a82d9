package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The distribution's start script: Karaf's JVM runs without patched JDK modules (a patched module
 * disables class-data sharing), the first start records an application CDS archive when it stops
 * cleanly, and the next start maps that archive into the JVM and serves as before.
 */
class ClassDataSharingIT {

  @Test
  void aCleanStopRecordsTheArchiveAndTheNextStartMapsIt() throws Exception {
    try (KaravelCluster cluster = KaravelCluster.start()) {
      String first = commandLine(jvm(cluster));
      assertThat(first).doesNotContain("--patch-module").contains("-XX:ArchiveClassesAtExit=");

      cluster.stop();
      Path archive = archive(cluster.home());
      assertThat(Files.size(archive)).isGreaterThan(10L << 20);

      cluster.launch();
      long jvm = jvm(cluster);
      assertThat(commandLine(jvm)).contains("-XX:SharedArchiveFile=" + archive);
      assertThat(Files.readString(Path.of("/proc/" + jvm + "/maps")))
          .as("the archive is mapped into the JVM")
          .contains(archive.toString());
      Kubectl kubectl = new Kubectl(cluster.kubeconfig());
      assertThat(kubectl.run("get", "namespace", "kube-system", "-o", "name").out())
          .isEqualTo("namespace/kube-system");
    }
  }

  /** The single archive in data/cds. */
  private static Path archive(Path home) throws Exception {
    try (Stream<Path> files = Files.list(home.resolve("data/cds"))) {
      List<Path> archives =
          files.filter(f -> f.getFileName().toString().matches("karaf-.*\\.jsa")).toList();
      assertThat(archives).hasSize(1);
      return archives.get(0);
    }
  }

  /** The Java process bin/karaf started (the script runs it as a child). */
  private static long jvm(KaravelCluster cluster) throws Exception {
    ProcessHandle script = ProcessHandle.of(cluster.pid()).orElseThrow();
    return script
        .descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .findFirst()
        .orElseThrow()
        .pid();
  }

  private static String commandLine(long pid) throws Exception {
    return new String(
            Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
        .replace('\0', ' ');
  }
}
