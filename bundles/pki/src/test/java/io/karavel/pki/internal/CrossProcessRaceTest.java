package io.karavel.pki.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.pki.ClusterPki;
import io.karavel.pki.PkiOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs creating the same PKI directory at once end up sharing one CA. */
class CrossProcessRaceTest {

  @TempDir Path dir;

  @Test
  void racingProcessesAgreeOnOneCa() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      processes.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  "-Xshare:auto",
                  "-XX:TieredStopAtLevel=1",
                  Child.class.getName(),
                  dir.toString())
              .redirectErrorStream(true)
              .start());
    }
    List<String> fingerprints = new ArrayList<>();
    for (Process p : processes) {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(out).isZero();
      fingerprints.add(out.lines().filter(l -> l.startsWith("ca ")).findFirst().orElse(out));
    }

    String mine = "ca " + fingerprint(ClusterPki.loadOrCreate(dir, PkiOptions.defaults()));
    assertThat(fingerprints).containsOnly(mine);
  }

  static String fingerprint(ClusterPki pki) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(pki.caCertificate().getEncoded()));
  }

  /** The racing process. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      System.out.println(
          "ca " + fingerprint(ClusterPki.loadOrCreate(Path.of(args[0]), PkiOptions.defaults())));
    }
  }
}
