package io.karavel.authn.x509.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.apiserver.spi.auth.AuthenticationException;
import io.karavel.apiserver.spi.auth.AuthenticationRequest;
import io.karavel.apiserver.spi.auth.UserInfo;
import io.karavel.pki.ClusterPki;
import io.karavel.pki.PkiOptions;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class X509AuthenticatorTest {

  @TempDir static Path dir;

  private static ClusterPki pki;

  private final X509Authenticator authenticator = new X509Authenticator();

  @BeforeAll
  static void createPki() throws Exception {
    pki = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());
  }

  @Test
  void adminCertificateIsKubernetesAdminInSystemMasters() throws Exception {
    X509Certificate admin = pki.admin().certificate();

    UserInfo user = authenticator.authenticate(request(admin, pki.caCertificate())).orElseThrow();

    assertThat(user.name()).isEqualTo("kubernetes-admin");
    assertThat(user.groups()).containsExactly("system:masters");
    assertThat(user.uid()).isEmpty();
    String sha256 =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(admin.getEncoded()));
    assertThat(user.extra())
        .containsExactlyEntriesOf(
            java.util.Map.of(
                "authentication.kubernetes.io/credential-id", List.of("X509SHA256=" + sha256)));
  }

  @Test
  void organizationsAreGroupsInCertificateOrderEvenWithSpecialCharacters() {
    List<String> groups = List.of("system:nodes", "team, a+b", "\"quoted\"", "ünïcødé", "#hash");
    X509Certificate cert =
        pki.issueClientCertificate("system:node:w-1", groups, Duration.ofHours(1)).certificate();

    UserInfo user = authenticator.authenticate(request(cert)).orElseThrow();

    assertThat(user.name()).isEqualTo("system:node:w-1");
    assertThat(user.groups()).containsExactlyElementsOf(groups);
  }

  @Test
  void noCertificateMeansNotThisAuthenticatorsBusiness() {
    assertThat(authenticator.authenticate(request())).isEmpty();
  }

  @Test
  void certificateWithoutCommonNameIsRejected() throws Exception {
    X509Certificate cert =
        TestCertificates.selfSigned(
            new X500Name("O=system:masters"), KeyPurposeId.id_kp_clientAuth);

    assertThatThrownBy(() -> authenticator.authenticate(request(cert)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("common name");
  }

  @Test
  void lastCommonNameWinsAsInGo() throws Exception {
    X509Certificate cert =
        TestCertificates.selfSigned(
            new X500Name("CN=first,O=g1,CN=second,O=g2"), KeyPurposeId.id_kp_clientAuth);

    UserInfo user = authenticator.authenticate(request(cert)).orElseThrow();

    assertThat(user.name()).isEqualTo("second");
    assertThat(user.groups()).containsExactly("g1", "g2");
  }

  @Test
  void servingCertificateCannotLogIn() {
    X509Certificate serving = pki.serving().certificate();

    assertThatThrownBy(() -> authenticator.authenticate(request(serving)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("client authentication");
  }

  @Test
  void certificatesWithoutOrWithAnyExtendedKeyUsageAreAccepted() throws Exception {
    X509Certificate none = TestCertificates.selfSigned(new X500Name("CN=plain"));
    X509Certificate any =
        TestCertificates.selfSigned(new X500Name("CN=any"), KeyPurposeId.anyExtendedKeyUsage);

    assertThat(authenticator.authenticate(request(none))).map(UserInfo::name).contains("plain");
    assertThat(authenticator.authenticate(request(any))).map(UserInfo::name).contains("any");
  }

  @Test
  void eachCertificateKeepsItsOwnUserAcrossRepeatedRequests() {
    X509Certificate a =
        pki.issueClientCertificate("alice", List.of("dev"), Duration.ofHours(1)).certificate();
    X509Certificate b =
        pki.issueClientCertificate("bob", List.of("ops"), Duration.ofHours(1)).certificate();

    for (int i = 0; i < 3; i++) {
      assertThat(authenticator.authenticate(request(a)).orElseThrow().name()).isEqualTo("alice");
      assertThat(authenticator.authenticate(request(b)).orElseThrow().groups())
          .containsExactly("ops");
    }
    // A rejected certificate stays rejected: failures are not remembered as anything.
    X509Certificate serving = pki.serving().certificate();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> authenticator.authenticate(request(serving)))
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void theCacheStaysBounded() {
    for (int i = 0; i < X509Authenticator.CACHE_SIZE + 5; i++) {
      X509Certificate c =
          pki.issueClientCertificate("u" + i, List.of(), Duration.ofHours(1)).certificate();
      assertThat(authenticator.authenticate(request(c)).orElseThrow().name()).isEqualTo("u" + i);
    }
    assertThat(authenticator.cachedUsers()).isLessThanOrEqualTo(X509Authenticator.CACHE_SIZE);
  }

  private static AuthenticationRequest request(X509Certificate... chain) {
    return new AuthenticationRequest() {
      @Override
      public Optional<String> header(String name) {
        return Optional.empty();
      }

      @Override
      public List<X509Certificate> clientCertificates() {
        return List.of(chain);
      }

      @Override
      public String remoteAddress() {
        return "127.0.0.1";
      }
    };
  }
}
