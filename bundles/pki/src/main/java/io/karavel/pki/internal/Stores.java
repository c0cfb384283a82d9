package io.karavel.pki.internal;

import io.karavel.pki.CertifiedKey;
import io.karavel.pki.Kubeconfig;
import io.karavel.pki.TlsStores;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** In-memory key and trust stores, and TLS contexts built from them. */
public final class Stores {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Stores() {}

  public static TlsStores tlsStores(
      Optional<CertifiedKey> identity, List<X509Certificate> trusted) {
    if (trusted.isEmpty()) {
      throw new IllegalArgumentException("at least one trusted CA certificate is needed");
    }
    char[] password = randomPassword();
    try {
      KeyStore keyStore = emptyPkcs12();
      if (identity.isPresent()) {
        putKey(keyStore, identity.get(), password);
      }
      return new TlsStores(keyStore, password, trustStore(trusted));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build TLS key stores", e);
    }
  }

  public static SSLContext sslContext(TlsStores stores) {
    try {
      return context(keyManagers(stores.keyStore(), stores.password()), trustManagers(stores));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a TLS context", e);
    }
  }

  /** The client side of a kubeconfig: its certificate if any, and its idea of trust. */
  public static SSLContext clientSslContext(Kubeconfig config) {
    try {
      char[] password = randomPassword();
      KeyStore keyStore = emptyPkcs12();
      Optional<CertifiedKey> identity = config.clientIdentity();
      if (identity.isPresent()) {
        putKey(keyStore, identity.get(), password);
      }
      TrustManager[] trust;
      if (config.insecureSkipTlsVerify()) {
        trust = new TrustManager[] {new TrustingAnyServer()};
      } else {
        TrustManagerFactory factory =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        List<X509Certificate> cas = config.certificateAuthorities();
        // No CA in the kubeconfig means the JVM's default CAs, as Go uses the system pool.
        factory.init(cas.isEmpty() ? null : trustStore(cas));
        trust = factory.getTrustManagers();
      }
      return context(keyManagers(keyStore, password), trust);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a TLS context", e);
    }
  }

  private static SSLContext context(KeyManager[] keys, TrustManager[] trust)
      throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys, trust, RANDOM);
    return context;
  }

  private static KeyManager[] keyManagers(KeyStore keyStore, char[] password)
      throws GeneralSecurityException {
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keyStore, password);
    return factory.getKeyManagers();
  }

  private static TrustManager[] trustManagers(TlsStores stores) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(stores.trustStore());
    return factory.getTrustManagers();
  }

  private static KeyStore trustStore(List<X509Certificate> trusted)
      throws GeneralSecurityException {
    KeyStore store = emptyPkcs12();
    for (int i = 0; i < trusted.size(); i++) {
      store.setCertificateEntry("ca-" + i, trusted.get(i));
    }
    return store;
  }

  /**
   * Puts the key under {@link TlsStores#KEY_ALIAS}. The stores never leave memory, so the key's
   * protection needs no work factor: PKCS12's default of 10000 PBKDF2 rounds cost about a second of
   * CPU at every start, while that code still ran interpreted.
   */
  private static void putKey(KeyStore store, CertifiedKey key, char[] password)
      throws GeneralSecurityException {
    byte[] salt = new byte[16];
    byte[] iv = new byte[16];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(iv);
    store.setEntry(
        TlsStores.KEY_ALIAS,
        new KeyStore.PrivateKeyEntry(key.privateKey(), new X509Certificate[] {key.certificate()}),
        new KeyStore.PasswordProtection(
            password,
            "PBEWithHmacSHA256AndAES_256",
            new PBEParameterSpec(salt, 1, new IvParameterSpec(iv))));
  }

  private static KeyStore emptyPkcs12() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return store;
  }

  // The stores never leave memory; the password only satisfies the KeyStore API.
  private static char[] randomPassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
  }

  /**
   * kubeconfig's {@code insecure-skip-tls-verify: true}: accept any server certificate and host
   * name. Extended so that JSSE does not add its own host name check around it.
   */
  private static final class TrustingAnyServer extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("client-side trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("client-side trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("client-side trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
