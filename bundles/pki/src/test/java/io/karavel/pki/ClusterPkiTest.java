package io.karavel.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterPkiTest {

  @TempDir Path dir;

  @Test
  void createsPemFilesWithPrivateKeysReadableOnlyByTheOwner() throws Exception {
    ClusterPki.loadOrCreate(dir, PkiOptions.defaults());

    for (String key : List.of(ClusterPki.CA_KEY, ClusterPki.SERVING_KEY, ClusterPki.ADMIN_KEY)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))))
          .as(key)
          .isEqualTo("rw-------");
      assertThat(Files.readString(dir.resolve(key))).startsWith("-----BEGIN PRIVATE KEY-----\n");
    }
    for (String cert :
        List.of(ClusterPki.CA_CERT, ClusterPki.SERVING_CERT, ClusterPki.ADMIN_CERT)) {
      assertThat(Files.readString(dir.resolve(cert))).startsWith("-----BEGIN CERTIFICATE-----\n");
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
          .as("no temporary file left behind")
          .isEmpty();
    }
  }

  @Test
  void servingAndAdminCertificatesValidateAgainstTheCa() throws Exception {
    ClusterPki pki = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());

    X509Certificate ca = pki.caCertificate();
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    validate(pki.serving().certificate(), ca);
    validate(pki.admin().certificate(), ca);
    validate(pki.issueClientCertificate("alice", List.of(), Duration.ofHours(1)).certificate(), ca);

    ClusterPki other = ClusterPki.loadOrCreate(dir.resolve("other"), PkiOptions.defaults());
    assertThatThrownBy(() -> validate(other.admin().certificate(), ca))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void servingCertificateNamesTheApiServerEverywhereItIsReached() throws Exception {
    PkiOptions options =
        PkiOptions.defaults().withExtraSans(List.of("api.example.test", "10.96.0.1", "fd00::1"));
    ClusterPki pki = ClusterPki.loadOrCreate(dir, options);
    X509Certificate serving = pki.serving().certificate();

    assertThat(dnsNames(serving))
        .contains(
            "localhost",
            "kubernetes",
            "kubernetes.default",
            "kubernetes.default.svc",
            "kubernetes.default.svc.cluster.local",
            "api.example.test");
    Path kernelHostname = Path.of("/proc/sys/kernel/hostname");
    assumeTrue(Files.isReadable(kernelHostname), "Linux host name file");
    String hostname = Files.readString(kernelHostname).strip();
    assertThat(dnsNames(serving)).contains(hostname.toLowerCase());
    assertThat(ipAddresses(serving))
        .containsExactlyInAnyOrder(
            InetAddress.getByName("127.0.0.1"),
            InetAddress.getByName("::1"),
            InetAddress.getByName("10.96.0.1"),
            InetAddress.getByName("fd00::1"));
    assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(serving.getBasicConstraints()).isEqualTo(-1);
    assertThat(rdns(serving, "CN")).containsExactly("kube-apiserver");
  }

  @Test
  void adminCertificateIsAClientCertificateOfSystemMasters() throws Exception {
    ClusterPki pki = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());
    X509Certificate admin = pki.admin().certificate();

    assertThat(rdns(admin, "CN")).containsExactly("kubernetes-admin");
    assertThat(rdns(admin, "O")).containsExactly("system:masters");
    assertThat(admin.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(admin.getSubjectAlternativeNames()).isNull();
  }

  @Test
  void validityFollowsTheOptions() throws Exception {
    // Certificates carry whole seconds.
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClusterPki pki =
        ClusterPki.loadOrCreate(dir, PkiOptions.defaults().withLeafValidity(Duration.ofDays(30)));

    assertThat(pki.caCertificate().getNotAfter().toInstant())
        .isBetween(before.plus(Duration.ofDays(3650)), Instant.now().plus(Duration.ofDays(3650)));
    assertThat(pki.serving().certificate().getNotAfter().toInstant())
        .isBetween(before.plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(30)));
    assertThat(pki.serving().certificate().getNotBefore().toInstant()).isBefore(before);
  }

  @Test
  void leafCertificatesNeverOutliveTheCa() throws Exception {
    ClusterPki pki =
        ClusterPki.loadOrCreate(dir, PkiOptions.defaults().withCaValidity(Duration.ofDays(10)));

    X509Certificate client =
        pki.issueClientCertificate("bob", List.of(), Duration.ofDays(365)).certificate();
    assertThat(client.getNotAfter()).isEqualTo(pki.caCertificate().getNotAfter());
    assertThat(pki.serving().certificate().getNotAfter())
        .isEqualTo(pki.caCertificate().getNotAfter());
  }

  @Test
  void secondLoadReusesEveryExistingCertificate() throws Exception {
    ClusterPki first = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());
    ClusterPki second = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());

    assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
    assertThat(second.serving().certificate()).isEqualTo(first.serving().certificate());
    assertThat(second.admin().certificate()).isEqualTo(first.admin().certificate());
    assertThat(second.admin().privateKey().getEncoded())
        .isEqualTo(first.admin().privateKey().getEncoded());
  }

  @Test
  void newExtraNameReissuesOnlyTheServingCertificateFromTheSameCa() throws Exception {
    ClusterPki first = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());
    ClusterPki second =
        ClusterPki.loadOrCreate(dir, PkiOptions.defaults().withExtraSans(List.of("10.0.0.7")));

    assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
    assertThat(second.admin().certificate()).isEqualTo(first.admin().certificate());
    assertThat(second.serving().certificate()).isNotEqualTo(first.serving().certificate());
    assertThat(ipAddresses(second.serving().certificate()))
        .contains(InetAddress.getByName("10.0.0.7"));
    assertThat(Files.readString(dir.resolve(ClusterPki.SERVING_CERT)))
        .isEqualTo(second.serving().certificatePem());
  }

  @Test
  void leafSignedByAnotherCaIsReplaced() throws Exception {
    ClusterPki.loadOrCreate(dir, PkiOptions.defaults());
    ClusterPki foreign = ClusterPki.loadOrCreate(dir.resolve("foreign"), PkiOptions.defaults());
    Files.writeString(dir.resolve(ClusterPki.ADMIN_CERT), foreign.admin().certificatePem());
    Files.writeString(dir.resolve(ClusterPki.ADMIN_KEY), foreign.admin().privateKeyPem());

    ClusterPki reloaded = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());

    validate(reloaded.admin().certificate(), reloaded.caCertificate());
  }

  @Test
  void halfACaIsRefusedRatherThanReplaced() throws Exception {
    ClusterPki.loadOrCreate(dir, PkiOptions.defaults());
    String key = Files.readString(dir.resolve(ClusterPki.CA_KEY));
    Files.delete(dir.resolve(ClusterPki.CA_CERT));

    assertThatThrownBy(() -> ClusterPki.loadOrCreate(dir, PkiOptions.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ca.key");
    assertThat(Files.readString(dir.resolve(ClusterPki.CA_KEY))).isEqualTo(key);
    assertThat(dir.resolve(ClusterPki.CA_CERT)).doesNotExist();
  }

  @Test
  void mismatchedCaKeyIsRefused() throws Exception {
    ClusterPki.loadOrCreate(dir, PkiOptions.defaults());
    ClusterPki other = ClusterPki.loadOrCreate(dir.resolve("other"), PkiOptions.defaults());
    Files.writeString(
        dir.resolve(ClusterPki.CA_KEY), Files.readString(other.directory().resolve("ca.key")));

    assertThatThrownBy(() -> ClusterPki.loadOrCreate(dir, PkiOptions.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not belong");
  }

  @Test
  void concurrentFirstCallsAgreeOnOneCa() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<ClusterPki>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(() -> ClusterPki.loadOrCreate(dir, PkiOptions.defaults()));
      }
      Set<X509Certificate> cas = new HashSet<>();
      Set<X509Certificate> admins = new HashSet<>();
      for (Future<ClusterPki> f : pool.invokeAll(calls)) {
        cas.add(f.get().caCertificate());
        admins.add(f.get().admin().certificate());
      }
      assertThat(cas).hasSize(1);
      assertThat(admins).hasSize(1);
      assertThat(ClusterPki.loadOrCreate(dir, PkiOptions.defaults()).caCertificate()).isIn(cas);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void issuedClientCertificateCarriesNameAndGroupsInOrder() throws Exception {
    ClusterPki pki = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());

    CertifiedKey node =
        pki.issueClientCertificate(
            "system:node:worker-1",
            List.of("system:nodes", "karavel:workers"),
            Duration.ofHours(2));

    X509Certificate cert = node.certificate();
    assertThat(rdns(cert, "CN")).containsExactly("system:node:worker-1");
    assertThat(rdns(cert, "O")).containsExactly("system:nodes", "karavel:workers");
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(Duration.between(Instant.now(), cert.getNotAfter().toInstant()))
        .isBetween(Duration.ofMinutes(119), Duration.ofHours(2));
    CertifiedKey parsed = CertifiedKey.fromPem(node.certificatePem(), node.privateKeyPem());
    assertThat(parsed.certificate()).isEqualTo(cert);
    assertThat(parsed.privateKey().getEncoded()).isEqualTo(node.privateKey().getEncoded());
    List<String> odd = List.of("#not-hex", "a,b+c", "\"q\"", "ünï");
    assertThat(rdns(pki.issueClientCertificate("#cn", odd, Duration.ofHours(1)).certificate(), "O"))
        .containsExactlyElementsOf(odd);
    assertThatThrownBy(() -> pki.issueClientCertificate(" ", List.of(), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void issuedServingCertificateCarriesTheRequestedNames() throws Exception {
    ClusterPki pki = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());

    X509Certificate cert =
        pki.issueServingCertificate(
                "worker-1", List.of("worker-1"), List.of("192.168.5.4"), Duration.ofDays(1))
            .certificate();

    validate(cert, pki.caCertificate());
    assertThat(dnsNames(cert)).containsExactly("worker-1");
    assertThat(ipAddresses(cert)).containsExactly(InetAddress.getByName("192.168.5.4"));
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThatThrownBy(
            () ->
                pki.issueServingCertificate(
                    "w", List.of(), List.of("not-an-ip"), Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rsaOptionGeneratesRsaKeys() throws Exception {
    ClusterPki pki =
        ClusterPki.loadOrCreate(dir, PkiOptions.defaults().withKeyAlgorithm(KeyAlgorithm.RSA_2048));

    assertThat(pki.caCertificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(pki.serving().privateKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(pki.caCertificate().getSigAlgName()).isEqualTo("SHA256withRSA");
    validate(pki.serving().certificate(), pki.caCertificate());
    assertThat(pki.serving().certificate().getKeyUsage()[2]).as("keyEncipherment").isTrue();
  }

  @Test
  void defaultKeysAreEcdsaP256() throws Exception {
    ClusterPki pki = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());

    var key = (java.security.interfaces.ECPublicKey) pki.caCertificate().getPublicKey();
    assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    assertThat(pki.caCertificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
  }

  static void validate(X509Certificate leaf, X509Certificate ca) throws Exception {
    var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(path, params);
  }

  static List<String> dnsNames(X509Certificate cert) throws Exception {
    List<String> names = new ArrayList<>();
    for (List<?> san : cert.getSubjectAlternativeNames()) {
      if ((Integer) san.get(0) == 2) {
        names.add((String) san.get(1));
      }
    }
    return names;
  }

  static List<InetAddress> ipAddresses(X509Certificate cert) throws Exception {
    List<InetAddress> ips = new ArrayList<>();
    for (List<?> san : cert.getSubjectAlternativeNames()) {
      if ((Integer) san.get(0) == 7) {
        ips.add(InetAddress.getByName((String) san.get(1)));
      }
    }
    return ips;
  }

  /** Values of one attribute type in the subject, in certificate (ASN.1) order. */
  static List<String> rdns(X509Certificate cert, String type) throws Exception {
    List<String> values = new ArrayList<>();
    for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
      if (rdn.getType().equalsIgnoreCase(type)) {
        values.add(rdn.getValue().toString());
      }
    }
    return values;
  }
}
