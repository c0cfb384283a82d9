package io.karavel.pki;

import io.karavel.pki.internal.Pem;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate and its private key, as issued by the cluster CA or read from PEM files.
 *
 * @param certificate the certificate (leaf)
 * @param privateKey the private key matching the certificate's public key
 */
public record CertifiedKey(X509Certificate certificate, PrivateKey privateKey) {

  public CertifiedKey {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /**
   * Parses a PEM certificate (the first one, if several) and a PEM private key (PKCS#8 {@code
   * PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} or SEC 1 {@code EC PRIVATE KEY}).
   *
   * @throws IllegalArgumentException if either cannot be parsed
   */
  public static CertifiedKey fromPem(String certificatePem, String privateKeyPem) {
    return new CertifiedKey(Pem.certificates(certificatePem).get(0), Pem.privateKey(privateKeyPem));
  }

  /** The certificate as a PEM {@code CERTIFICATE} block. */
  public String certificatePem() {
    return Pem.encode(certificate);
  }

  /** The private key as a PEM PKCS#8 {@code PRIVATE KEY} block. */
  public String privateKeyPem() {
    return Pem.encode(privateKey);
  }
}
