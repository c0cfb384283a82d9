package io.karavel.authn.x509.internal;

import io.karavel.apiserver.spi.auth.AuthenticationException;
import io.karavel.apiserver.spi.auth.AuthenticationRequest;
import io.karavel.apiserver.spi.auth.Authenticator;
import io.karavel.apiserver.spi.auth.UserInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/**
 * Client-certificate authentication, as upstream's x509 authenticator: the API server's TLS layer
 * has verified the chain against the cluster CA; the user is the leaf's subject CN, the groups are
 * its O values in order, and the extra {@value #CREDENTIAL_ID} identifies the certificate by its
 * SHA-256 fingerprint. A certificate without a CN, or one whose extended key usage excludes client
 * authentication, is rejected (401).
 */
@Component(property = Authenticator.NAME + "=" + X509Authenticator.NAME_VALUE)
public final class X509Authenticator implements Authenticator {

  static final String NAME_VALUE = "x509";

  /** Upstream's {@code user.CredentialIDKey}. */
  static final String CREDENTIAL_ID = "authentication.kubernetes.io/credential-id";

  private static final String EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String EKU_ANY = "2.5.29.37.0";

  /** Certificates seen at most; past it the cache starts again (clients are few, TLS is costly). */
  static final int CACHE_SIZE = 1024;

  /**
   * Users by verified certificate. Reading the subject and hashing the certificate cost as much as
   * the rest of a small request, and a connection presents the same certificate on every request.
   * Only successes are kept; a certificate's validity was checked by the TLS handshake.
   */
  private final Map<X509Certificate, UserInfo> users = new ConcurrentHashMap<>();

  @Override
  public Optional<UserInfo> authenticate(AuthenticationRequest request) {
    List<X509Certificate> chain = request.clientCertificates();
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    X509Certificate leaf = chain.get(0);
    UserInfo user = users.get(leaf);
    if (user == null) {
      user = userOf(leaf);
      if (users.size() >= CACHE_SIZE) {
        users.clear();
      }
      users.put(leaf, user);
    }
    return Optional.of(user);
  }

  int cachedUsers() {
    return users.size();
  }

  static UserInfo userOf(X509Certificate leaf) {
    requireClientAuth(leaf);
    CertificateSubject subject;
    try {
      subject = CertificateSubject.of(leaf.getSubjectX500Principal());
    } catch (IllegalArgumentException e) {
      throw new AuthenticationException("client certificate has an unreadable subject");
    }
    String name =
        subject
            .commonName()
            .orElseThrow(
                () -> new AuthenticationException("client certificate has no common name (CN)"));
    return new UserInfo(
        name,
        "",
        subject.organizations(),
        Map.of(CREDENTIAL_ID, List.of("X509SHA256=" + fingerprint(leaf))));
  }

  // Upstream verifies chains for clientAuth itself; a serving certificate must not log in.
  private static void requireClientAuth(X509Certificate leaf) {
    List<String> usages;
    try {
      usages = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw new AuthenticationException("client certificate has an unreadable extended key usage");
    }
    if (usages != null && !usages.contains(EKU_CLIENT_AUTH) && !usages.contains(EKU_ANY)) {
      throw new AuthenticationException("certificate is not valid for client authentication");
    }
  }

  private static String fingerprint(X509Certificate leaf) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a verified certificate", e);
    }
  }
}
