package io.karavel.pki;

import io.karavel.pki.internal.FileClusterPki;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The cluster's certificates, kept as PEM files in one directory: the CA ({@value #CA_CERT},
 * {@value #CA_KEY}), the API server's serving certificate ({@value #SERVING_CERT}, {@value
 * #SERVING_KEY}) and the administrator's client certificate ({@value #ADMIN_CERT}, {@value
 * #ADMIN_KEY}; CN {@value #ADMIN_USER}, O {@code system:masters}). Key files have mode 0600.
 * Instances are immutable and thread-safe.
 */
public interface ClusterPki {

  String CA_CERT = "ca.crt";
  String CA_KEY = "ca.key";
  String SERVING_CERT = "apiserver.crt";
  String SERVING_KEY = "apiserver.key";
  String ADMIN_CERT = "admin.crt";
  String ADMIN_KEY = "admin.key";

  /** User name (certificate CN) of the administrator. */
  String ADMIN_USER = "kubernetes-admin";

  /** Cluster name used in the admin kubeconfig. */
  String CLUSTER_NAME = "karavel";

  /**
   * Loads the certificates in {@code dir}, creating what is missing. The CA is created only when
   * neither {@value #CA_CERT} nor {@value #CA_KEY} exists and is never replaced; the serving and
   * admin certificates are (re)issued from it when missing, unreadable, not issued by this CA,
   * within the last fifth of their lifetime, or (serving) lacking a required subject alternative
   * name. Safe when several threads or processes call it at once: they serialise on a lock file and
   * every file is written to a temporary name and atomically moved into place.
   *
   * @throws IOException if the directory cannot be read or written, or it holds only half of the CA
   *     or a CA that cannot be parsed
   */
  static ClusterPki loadOrCreate(Path dir, PkiOptions options) throws IOException {
    return FileClusterPki.loadOrCreate(dir, options);
  }

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
