package io.karavel.pki;

import io.karavel.pki.internal.KubeconfigFiles;
import io.karavel.pki.internal.Pem;
import io.karavel.pki.internal.Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * One context of a kubeconfig file, resolved: the server, how to trust it and how to authenticate
 * to it. Credentials given as file paths in the file ({@code certificate-authority}, {@code
 * client-certificate}, {@code client-key}, {@code tokenFile}) are read when the file is parsed,
 * relative paths against the kubeconfig's directory, so the record always holds contents.
 *
 * @param server the API server URL, e.g. {@code https://127.0.0.1:6443}
 * @param clusterName name of the cluster entry
 * @param userName name of the user entry
 * @param contextName name of the context
 * @param namespace the context's default namespace, if set
 * @param certificateAuthorityPem CA certificates (PEM) to verify the server with; if empty the
 *     JVM's default trust applies
 * @param clientCertificatePem client certificate (PEM)
 * @param clientKeyPem client private key (PEM)
 * @param token bearer token
 * @param insecureSkipTlsVerify whether the server's certificate is not verified at all
 */
public record Kubeconfig(
    String server,
    String clusterName,
    String userName,
    String contextName,
    Optional<String> namespace,
    Optional<String> certificateAuthorityPem,
    Optional<String> clientCertificatePem,
    Optional<String> clientKeyPem,
    Optional<String> token,
    boolean insecureSkipTlsVerify) {

  public Kubeconfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(contextName, "contextName");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(certificateAuthorityPem, "certificateAuthorityPem");
    Objects.requireNonNull(clientCertificatePem, "clientCertificatePem");
    Objects.requireNonNull(clientKeyPem, "clientKeyPem");
    Objects.requireNonNull(token, "token");
    if (clientCertificatePem.isPresent() != clientKeyPem.isPresent()) {
      throw new IllegalArgumentException("client certificate and key must be given together");
    }
  }

  /**
   * Writes a kubeconfig with one cluster, one user with a client certificate and one context
   * ({@code userName@clusterName}, also the current context), all credentials embedded as base64.
   * The file gets mode 0600 and is replaced atomically.
   */
  public static void write(
      Path file,
      String serverUrl,
      String clusterName,
      String userName,
      String caPem,
      String certPem,
      String keyPem)
      throws IOException {
    new Kubeconfig(
            serverUrl,
            clusterName,
            userName,
            userName + "@" + clusterName,
            Optional.empty(),
            Optional.of(caPem),
            Optional.of(certPem),
            Optional.of(keyPem),
            Optional.empty(),
            false)
        .writeTo(file);
  }

  /**
   * Reads the current context of a kubeconfig file.
   *
   * @throws IOException if the file cannot be read or parsed, has no current context, or names
   *     entries or files that do not exist
   */
  public static Kubeconfig read(Path file) throws IOException {
    return KubeconfigFiles.read(file, null);
  }

  /** Reads the named context of a kubeconfig file. */
  public static Kubeconfig read(Path file, String context) throws IOException {
    return KubeconfigFiles.read(file, Objects.requireNonNull(context, "context"));
  }

  /**
   * Parses kubeconfig YAML (current context).
   *
   * @param relativeTo directory against which relative credential file paths are resolved
   */
  public static Kubeconfig parse(String yaml, Path relativeTo) throws IOException {
    return KubeconfigFiles.parse(yaml, relativeTo, null);
  }

  /** This kubeconfig as YAML, with every credential embedded. */
  public String toYaml() {
    return KubeconfigFiles.toYaml(this);
  }

  /** Writes {@link #toYaml()} to a file with mode 0600, atomically replacing it. */
  public void writeTo(Path file) throws IOException {
    KubeconfigFiles.write(file, this);
  }

  /** The CA certificates to verify the server with; empty if none are configured. */
  public List<X509Certificate> certificateAuthorities() {
    return certificateAuthorityPem.map(Pem::certificates).orElse(List.of());
  }

  /** The client certificate and key, if configured. */
  public Optional<CertifiedKey> clientIdentity() {
    return clientCertificatePem.map(cert -> CertifiedKey.fromPem(cert, clientKeyPem.get()));
  }

  /**
   * A TLS context presenting the client certificate (if any) and trusting the configured CA, or the
   * JVM's default CAs if none is configured, or any server if {@link #insecureSkipTlsVerify()} is
   * set (as kubectl does).
   */
  public SSLContext sslContext() {
    return Stores.clientSslContext(this);
  }
}
