package io.karavel.authn.x509.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.karavel.apiserver.spi.auth.UserInfo;
import io.karavel.pki.CertifiedKey;
import io.karavel.pki.ClusterPki;
import io.karavel.pki.PkiOptions;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class X509AuthenticatorTest {

  @Test
  void commonNameIsTheUserAndOrganizationsAreGroups() throws Exception {
    ClusterPki pki =
        ClusterPki.loadOrCreate(Files.createTempDirectory("pki"), PkiOptions.defaults());
    CertifiedKey key =
        pki.issueClientCertificate("jane", List.of("dev", "ops"), Duration.ofHours(1));
    UserInfo u = X509Authenticator.userOf(key.certificate());
    assertThat(u.name()).isEqualTo("jane");
    assertThat(u.groups()).containsExactly("dev", "ops");
    assertThat(X509Authenticator.userOf(pki.admin().certificate()).groups())
        .containsExactly("system:masters");
  }
}
