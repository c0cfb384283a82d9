package io.karavel.pki.internal;

import io.karavel.pki.CertifiedKey;
import io.karavel.pki.ClusterPki;
import io.karavel.pki.Kubeconfig;
import io.karavel.pki.PkiFiles;
import io.karavel.pki.PkiOptions;
import io.karavel.pki.TlsStores;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ClusterPki} over a directory of PEM files. */
public final class FileClusterPki implements ClusterPki {

  private static final Logger LOG = LoggerFactory.getLogger(FileClusterPki.class);

  static final String CA_COMMON_NAME = "karavel-ca";
  static final String SERVING_COMMON_NAME = "kube-apiserver";
  static final String MASTERS = "system:masters";
  static final String LOCK_FILE = ".lock";

  private static final String EKU_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final Path dir;
  private final CertificateIssuer issuer;
  private final CertifiedKey serving;
  private final CertifiedKey admin;
  private final PkiOptions options;
  private final PkiFiles files;
  private final KeyPair serviceAccount;

  private FileClusterPki(
      Path dir,
      CertificateIssuer issuer,
      CertifiedKey serving,
      CertifiedKey admin,
      PkiOptions options,
      PkiFiles files,
      KeyPair serviceAccount) {
    this.dir = dir;
    this.issuer = issuer;
    this.serving = serving;
    this.admin = admin;
    this.options = options;
    this.files = files;
    this.serviceAccount = serviceAccount;
  }

  public static ClusterPki loadOrCreate(Path dir, PkiOptions options) throws IOException {
    return loadOrCreate(dir, options, PkiFiles.in(dir), Clock.systemUTC());
  }

  public static ClusterPki loadOrCreate(Path dir, PkiOptions options, PkiFiles files)
      throws IOException {
    return loadOrCreate(dir, options, files, Clock.systemUTC());
  }

  static ClusterPki loadOrCreate(Path dir, PkiOptions options, Clock clock) throws IOException {
    return loadOrCreate(dir, options, PkiFiles.in(dir), clock);
  }

  static ClusterPki loadOrCreate(Path dir, PkiOptions options, PkiFiles files, Clock clock)
      throws IOException {
    Path d = dir.toAbsolutePath().normalize();
    Files.createDirectories(d);
    PkiFiles absolute =
        new PkiFiles(
            absolute(files.caCertificate()),
            absolute(files.caKey()),
            absolute(files.serviceAccountKey()),
            absolute(files.serviceAccountPublicKey()));
    return AtomicFiles.withLock(
        d.resolve(LOCK_FILE), () -> loadOrCreateLocked(d, options, absolute, clock));
  }

  private static Path absolute(Path p) {
    return p.toAbsolutePath().normalize();
  }

  private static ClusterPki loadOrCreateLocked(
      Path dir, PkiOptions options, PkiFiles files, Clock clock) throws IOException {
    CertificateIssuer issuer = new CertificateIssuer(loadOrCreateCa(files, options, clock), clock);
    KeyPair serviceAccount =
        ServiceAccountKeys.loadOrCreate(files.serviceAccountKey(), files.serviceAccountPublicKey());
    LeafRequest servingRequest = servingRequest(options);
    CertifiedKey serving =
        loadOrIssue(dir, SERVING_CERT, SERVING_KEY, servingRequest, issuer, clock);
    CertifiedKey admin =
        loadOrIssue(
            dir,
            ADMIN_CERT,
            ADMIN_KEY,
            clientRequest(ADMIN_USER, List.of(MASTERS), options.leafValidity(), options),
            issuer,
            clock);
    return new FileClusterPki(dir, issuer, serving, admin, options, files, serviceAccount);
  }

  private static CertifiedKey loadOrCreateCa(PkiFiles files, PkiOptions options, Clock clock)
      throws IOException {
    Path cert = files.caCertificate();
    Path key = files.caKey();
    boolean haveCert = Files.exists(cert);
    boolean haveKey = Files.exists(key);
    if (!haveCert && !haveKey) {
      CertifiedKey ca =
          CertificateIssuer.selfSignedCa(
              CA_COMMON_NAME, options.keyAlgorithm(), options.caValidity(), clock);
      // Key first: a crash in between leaves a key without certificate, which is refused below
      // rather than silently replaced by a different CA.
      AtomicFiles.write(key, ca.privateKeyPem().getBytes(StandardCharsets.US_ASCII), true);
      AtomicFiles.write(cert, ca.certificatePem().getBytes(StandardCharsets.US_ASCII), false);
      LOG.info("Created cluster CA {} and {}", cert, key);
      return ca;
    }
    if (!haveCert || !haveKey) {
      throw new IOException(
          (haveCert ? cert : key)
              + " exists without "
              + (haveCert ? key : cert)
              + "; refusing to replace the CA");
    }
    CertifiedKey ca;
    try {
      ca = CertifiedKey.fromPem(Files.readString(cert), Files.readString(key));
    } catch (IllegalArgumentException e) {
      throw new IOException("cannot read the CA " + cert + ", " + key + ": " + e.getMessage(), e);
    }
    if (!KeyPairs.matches(ca.privateKey(), ca.certificate().getPublicKey())) {
      throw new IOException(key + " does not belong to " + cert);
    }
    return ca;
  }

  private static CertifiedKey loadOrIssue(
      Path dir,
      String certName,
      String keyName,
      LeafRequest request,
      CertificateIssuer issuer,
      Clock clock)
      throws IOException {
    Path cert = dir.resolve(certName);
    Path key = dir.resolve(keyName);
    String reason;
    if (Files.exists(cert) && Files.exists(key)) {
      Optional<String> problem;
      CertifiedKey existing = null;
      try {
        existing = CertifiedKey.fromPem(Files.readString(cert), Files.readString(key));
        problem = problem(existing, request, issuer, clock);
      } catch (IllegalArgumentException e) {
        problem = Optional.of("unreadable (" + e.getMessage() + ")");
      }
      if (problem.isEmpty()) {
        return existing;
      }
      reason = problem.get();
    } else {
      reason = "missing";
    }
    CertifiedKey issued = issuer.issue(request);
    AtomicFiles.write(key, issued.privateKeyPem().getBytes(StandardCharsets.US_ASCII), true);
    AtomicFiles.write(cert, issued.certificatePem().getBytes(StandardCharsets.US_ASCII), false);
    LOG.info("Issued {} in {} ({})", certName, dir, reason);
    return issued;
  }

  /** Why an existing leaf cannot be kept, or empty if it can. */
  static Optional<String> problem(
      CertifiedKey existing, LeafRequest request, CertificateIssuer issuer, Clock clock) {
    X509Certificate cert = existing.certificate();
    if (!issuer.issued(cert)) {
      return Optional.of("not issued by the current CA");
    }
    if (!KeyPairs.matches(existing.privateKey(), cert.getPublicKey())) {
      return Optional.of("does not match its key");
    }
    Instant now = clock.instant();
    Instant notBefore = cert.getNotBefore().toInstant();
    Instant notAfter = cert.getNotAfter().toInstant();
    Duration lifetime = Duration.between(notBefore, notAfter);
    // Renew in the last fifth of the lifetime, as kubelets rotate at 70-90 %.
    if (now.isBefore(notBefore)
        || Duration.between(now, notAfter).compareTo(lifetime.dividedBy(5)) < 0) {
      return Optional.of("expires " + notAfter);
    }
    if (!cert.getSubjectX500Principal().equals(CertificateIssuer.subjectPrincipal(request))) {
      return Optional.of("has subject " + cert.getSubjectX500Principal());
    }
    String eku =
        request.purpose() == LeafRequest.Purpose.SERVER ? EKU_SERVER_AUTH : EKU_CLIENT_AUTH;
    try {
      List<String> usages = cert.getExtendedKeyUsage();
      if (usages == null || !usages.contains(eku)) {
        return Optional.of("lacks extended key usage " + eku);
      }
    } catch (CertificateParsingException e) {
      return Optional.of("has an unreadable extended key usage");
    }
    Set<String> missingDns = new LinkedHashSet<>(request.dnsNames());
    missingDns.removeAll(SubjectAltNames.dnsNamesOf(cert));
    Set<InetAddress> missingIps = new LinkedHashSet<>(request.ipAddresses());
    missingIps.removeAll(SubjectAltNames.ipAddressesOf(cert));
    if (!missingDns.isEmpty() || !missingIps.isEmpty()) {
      return Optional.of("lacks subject alternative names " + missingDns + " " + missingIps);
    }
    return Optional.empty();
  }

  static LeafRequest servingRequest(PkiOptions options) {
    Set<String> dns = new LinkedHashSet<>();
    dns.add("localhost");
    Hostname.local().ifPresent(dns::add);
    dns.add("kubernetes");
    dns.add("kubernetes.default");
    dns.add("kubernetes.default.svc");
    dns.add("kubernetes.default.svc.cluster.local");
    dns.addAll(SubjectAltNames.dnsNames(options.extraDnsNames()));
    Set<InetAddress> ips = new LinkedHashSet<>();
    ips.addAll(SubjectAltNames.ipLiterals(List.of("127.0.0.1", "::1")));
    ips.addAll(SubjectAltNames.ipLiterals(options.extraIpAddresses()));
    return new LeafRequest(
        SERVING_COMMON_NAME,
        List.of(),
        dns,
        ips,
        LeafRequest.Purpose.SERVER,
        options.keyAlgorithm(),
        options.leafValidity());
  }

  private static LeafRequest clientRequest(
      String commonName, List<String> organizations, Duration validity, PkiOptions options) {
    return new LeafRequest(
        commonName,
        organizations,
        Set.of(),
        Set.of(),
        LeafRequest.Purpose.CLIENT,
        options.keyAlgorithm(),
        validity);
  }

  @Override
  public Path directory() {
    return dir;
  }

  @Override
  public PkiFiles files() {
    return files;
  }

  @Override
  public PublicKey serviceAccountPublicKey() {
    return serviceAccount.getPublic();
  }

  @Override
  public PrivateKey serviceAccountSigningKey() {
    return serviceAccount.getPrivate();
  }

  @Override
  public String serviceAccountKeyId() {
    return ServiceAccountKeys.keyId(serviceAccount.getPublic());
  }

  @Override
  public String serviceAccountJwks() {
    return ServiceAccountKeys.jwks(serviceAccount.getPublic());
  }

  @Override
  public X509Certificate caCertificate() {
    return issuer.ca().certificate();
  }

  @Override
  public String caPem() {
    return issuer.ca().certificatePem();
  }

  @Override
  public CertifiedKey serving() {
    return serving;
  }

  @Override
  public CertifiedKey admin() {
    return admin;
  }

  @Override
  public CertifiedKey issueClientCertificate(
      String commonName, List<String> organizations, Duration validity) {
    return issuer.issue(clientRequest(commonName, organizations, validity, options));
  }

  @Override
  public CertifiedKey issueServingCertificate(
      String commonName, List<String> dnsNames, List<String> ipAddresses, Duration validity) {
    return issuer.issue(
        new LeafRequest(
            commonName,
            List.of(),
            SubjectAltNames.dnsNames(dnsNames),
            SubjectAltNames.ipLiterals(ipAddresses),
            LeafRequest.Purpose.SERVER,
            options.keyAlgorithm(),
            validity));
  }

  @Override
  public TlsStores servingTls() {
    return TlsStores.of(Optional.of(serving), List.of(caCertificate()));
  }

  @Override
  public TlsStores adminTls() {
    return TlsStores.of(Optional.of(admin), List.of(caCertificate()));
  }

  @Override
  public SSLContext adminSslContext() {
    return adminTls().sslContext();
  }

  @Override
  public void writeAdminKubeconfig(Path file, String serverUrl) throws IOException {
    Kubeconfig.write(
        file,
        serverUrl,
        CLUSTER_NAME,
        ADMIN_USER,
        caPem(),
        admin.certificatePem(),
        admin.privateKeyPem());
  }
}
