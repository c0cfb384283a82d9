package io.karavel.pki;

import io.karavel.pki.internal.FileClusterPki;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The cluster's certificates, kept as PEM files in one directory: the CA ({@value #CA_CERT},
 * {@value #CA_KEY}), the API server's serving certificate ({@value #SERVING_CERT}, {@value
 * #SERVING_KEY}) and the administrator's client certificate ({@value #ADMIN_CERT}, {@value
 * #ADMIN_KEY}; CN {@value #ADMIN_USER}, O {@code system:masters}) and the service-account signing
 * key pair ({@value #SA_KEY}, {@value #SA_PUB}), as kubeadm names them. The CA and the
 * service-account keys may live elsewhere ({@link PkiFiles}). Key files have mode 0600. Instances
 * are immutable and thread-safe. Implemented by this bundle only.
 */
@ProviderType
public interface ClusterPki {

  String CA_CERT = "ca.crt";
  String CA_KEY = "ca.key";
  String SERVING_CERT = "apiserver.crt";
  String SERVING_KEY = "apiserver.key";
  String ADMIN_CERT = "admin.crt";
  String ADMIN_KEY = "admin.key";
  String SA_KEY = "sa.key";
  String SA_PUB = "sa.pub";

  /** User name (certificate CN) of the administrator. */
  String ADMIN_USER = "kubernetes-admin";

  /** Cluster name used in the admin kubeconfig. */
  String CLUSTER_NAME = "karavel";

  /**
   * Loads the certificates in {@code dir}, creating what is missing. The CA is created only when
   * neither {@value #CA_CERT} nor {@value #CA_KEY} exists and is never replaced, and so is the
   * service-account key pair ({@value #SA_KEY}, {@value #SA_PUB}; a missing {@value #SA_PUB} is
   * derived from an RSA {@value #SA_KEY}); the serving and admin certificates are (re)issued from
   * it when missing, unreadable, not issued by this CA, within the last fifth of their lifetime, or
   * (serving) lacking a required subject alternative name. Safe when several threads or processes
   * call it at once: they serialise on a lock file and every file is written to a temporary name
   * and atomically moved into place.
   *
   * @throws IOException if the directory cannot be read or written, or it holds only half of the CA
   *     or a CA that cannot be parsed
   */
  static ClusterPki loadOrCreate(Path dir, PkiOptions options) throws IOException {
    return FileClusterPki.loadOrCreate(dir, options);
  }

  /**
   * As {@link #loadOrCreate(Path, PkiOptions)}, with the CA and the service-account key pair at
   * {@code files} (created there when both files of a pair are missing, loaded otherwise) and the
   * serving and admin certificates in {@code dir}. Control planes whose {@code files} hold the same
   * keys (copies, or the same paths) trust each other's clients and verify each other's tokens,
   * each with a serving certificate of its own. The lock serialises processes sharing {@code dir},
   * not ones sharing only {@code files}: create shared files once, then start the others.
   *
   * @throws IOException as above, or if {@value #SA_PUB} exists without {@value #SA_KEY} or does
   *     not belong to it
   */
  static ClusterPki loadOrCreate(Path dir, PkiOptions options, PkiFiles files) throws IOException {
    return FileClusterPki.loadOrCreate(dir, options, files);
  }

  /** Where the CA and the service-account keys were read from. */
  PkiFiles files();

  /** The public key that verifies service-account tokens (content of {@value #SA_PUB}). */
  PublicKey serviceAccountPublicKey();

  /** The private key that signs service-account tokens (content of {@value #SA_KEY}). */
  PrivateKey serviceAccountSigningKey();

  /**
   * The service-account key's id, as kube-apiserver derives it for a token's {@code kid}: the
   * unpadded base64url SHA-256 of the DER public key.
   */
  String serviceAccountKeyId();

  /**
   * The JSON Web Key Set holding the service-account public key ({@code use sig}, {@code kid},
   * {@code alg} RS256 or ES256), as kube-apiserver serves on {@code /openid/v1/jwks}.
   */
  String serviceAccountJwks();

  /** The directory holding the files. */
  Path directory();

  /** The CA certificate. */
  X509Certificate caCertificate();

  /** The CA certificate as PEM (the content of {@value #CA_CERT}). */
  String caPem();

  /**
   * The API server's serving certificate (CN {@code kube-apiserver}, serverAuth) and key. Its
   * subject alternative names: DNS {@code localhost}, the host name, {@code kubernetes}, {@code
   * kubernetes.default}, {@code kubernetes.default.svc}, {@code
   * kubernetes.default.svc.cluster.local} and the extra DNS names; IP {@code 127.0.0.1}, {@code
   * ::1} and the extra addresses.
   */
  CertifiedKey serving();

  /** The administrator's client certificate (CN {@value #ADMIN_USER}, O system:masters). */
  CertifiedKey admin();

  /**
   * Issues a new client certificate (clientAuth) signed by the CA, with a fresh key. Nothing is
   * written to disk. The API server's x509 authenticator reads the CN as the user name and the O
   * values as groups.
   *
   * @param commonName the user name, e.g. {@code system:node:worker-1}
   * @param organizations the groups, in order, e.g. {@code system:nodes}
   * @param validity lifetime, capped at the CA's expiry
   */
  CertifiedKey issueClientCertificate(
      String commonName, List<String> organizations, Duration validity);

  /**
   * Issues a new serving certificate (serverAuth) signed by the CA, with a fresh key, e.g. for a
   * kubelet's HTTPS endpoint. Nothing is written to disk.
   *
   * @param commonName the subject CN
   * @param dnsNames DNS subject alternative names
   * @param ipAddresses IP address literals as subject alternative names
   * @param validity lifetime, capped at the CA's expiry
   */
  CertifiedKey issueServingCertificate(
      String commonName, List<String> dnsNames, List<String> ipAddresses, Duration validity);

  /** Stores for the API server's listener: the serving key, and the CA to verify clients with. */
  TlsStores servingTls();

  /** Stores for an administrator client: the admin key, and the CA to verify the server with. */
  TlsStores adminTls();

  /** A TLS context for mutual TLS as the administrator ({@code adminTls().sslContext()}). */
  SSLContext adminSslContext();

  /**
   * Writes a kubeconfig for the administrator (cluster {@value #CLUSTER_NAME}, user {@value
   * #ADMIN_USER}, context {@code kubernetes-admin@karavel}) with the CA and admin credentials
   * embedded; mode 0600, atomically replaced.
   *
   * @param serverUrl e.g. {@code https://127.0.0.1:6443}
   */
  void writeAdminKubeconfig(Path file, String serverUrl) throws IOException;
}
