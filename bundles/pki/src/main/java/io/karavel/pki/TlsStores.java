package io.karavel.pki;

import io.karavel.pki.internal.Stores;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * In-memory PKCS#12 stores for one TLS endpoint: its own key and certificate, and the CAs it trusts
 * for its peers. Jetty's {@code SslContextFactory} takes the stores and the password directly;
 * plain Java clients use {@link #sslContext()}.
 *
 * @param keyStore holds one private key entry (alias {@value #KEY_ALIAS}), or nothing for a client
 *     without a certificate
 * @param password protects the key store and its key entry (in memory only)
 * @param trustStore holds the trusted CA certificates
 */
public record TlsStores(KeyStore keyStore, char[] password, KeyStore trustStore) {

  /** Alias of the private key entry in {@link #keyStore()}. */
  public static final String KEY_ALIAS = "identity";

  /**
   * Builds the stores.
   *
   * @param identity this endpoint's certificate and key, or empty for none
   * @param trusted CA certificates that peers' certificates must chain to
   */
  public static TlsStores of(Optional<CertifiedKey> identity, List<X509Certificate> trusted) {
    return Stores.tlsStores(identity, trusted);
  }

  /**
   * A new TLS context presenting the key (if any) and trusting only {@link #trustStore()}. Host
   * name verification stays with the caller (e.g. {@code SSLParameters#setEndpointIdentification
   * Algorithm("HTTPS")}; {@code java.net.http.HttpClient} does it by default).
   */
  public SSLContext sslContext() {
    return Stores.sslContext(this);
  }
}
