package io.karavel.pki.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.pki.ClusterPki;
import io.karavel.pki.PkiOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

  @TempDir Path dir;

  @Test
  void bundlesKeepTheirOrderAndSurroundingTextIsIgnored() throws Exception {
    ClusterPki a = ClusterPki.loadOrCreate(dir.resolve("a"), PkiOptions.defaults());
    ClusterPki b = ClusterPki.loadOrCreate(dir.resolve("b"), PkiOptions.defaults());

    String bundle = "# cluster a\n" + a.caPem() + "\n# cluster b\n" + b.caPem();

    assertThat(Pem.certificates(bundle)).containsExactly(a.caCertificate(), b.caCertificate());
  }

  @Test
  void garbageIsRejected() {
    assertThatThrownBy(() -> Pem.certificates("hello"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Pem.privateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
