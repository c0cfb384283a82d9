package io.karavel.pki;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the keys that every control plane of one cluster must share are kept: the CA that signs
 * serving and client certificates, and the service-account signing key pair. By default they are
 * kubeadm's files in the PKI directory ({@value ClusterPki#CA_CERT}, {@value ClusterPki#CA_KEY},
 * {@value ClusterPki#SA_KEY}, {@value ClusterPki#SA_PUB}); a second control plane gets the same
 * ones by holding copies of the first one's files in its own directory, or by pointing these paths
 * at them. Certificates issued from them (serving, admin) stay in each control plane's directory.
 *
 * @param caCertificate PEM certificate of the cluster CA
 * @param caKey PEM private key of the cluster CA
 * @param serviceAccountKey PEM private key that signs service-account tokens
 * @param serviceAccountPublicKey PEM public key ({@code BEGIN PUBLIC KEY}) that verifies them
 */
public record PkiFiles(
    Path caCertificate, Path caKey, Path serviceAccountKey, Path serviceAccountPublicKey) {

  public PkiFiles {
    Objects.requireNonNull(caCertificate, "caCertificate");
    Objects.requireNonNull(caKey, "caKey");
    Objects.requireNonNull(serviceAccountKey, "serviceAccountKey");
    Objects.requireNonNull(serviceAccountPublicKey, "serviceAccountPublicKey");
  }

  /** kubeadm's names in {@code dir}. */
  public static PkiFiles in(Path dir) {
    return new PkiFiles(
        dir.resolve(ClusterPki.CA_CERT),
        dir.resolve(ClusterPki.CA_KEY),
        dir.resolve(ClusterPki.SA_KEY),
        dir.resolve(ClusterPki.SA_PUB));
  }

  /**
   * These files with the ones named in configuration instead: each argument is a path, or blank (or
   * null) to keep the current one.
   */
  public PkiFiles withConfigured(
      String caCertificate,
      String caKey,
      String serviceAccountKey,
      String serviceAccountPublicKey) {
    return new PkiFiles(
        or(caCertificate, this.caCertificate),
        or(caKey, this.caKey),
        or(serviceAccountKey, this.serviceAccountKey),
        or(serviceAccountPublicKey, this.serviceAccountPublicKey));
  }

  private static Path or(String configured, Path current) {
    return configured == null || configured.isBlank() ? current : Path.of(configured.strip());
  }
}
