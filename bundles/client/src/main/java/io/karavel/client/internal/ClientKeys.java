package io.karavel.client.internal;

import io.fabric8.kubernetes.client.Config;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The algorithm of a kubeconfig's client key. fabric8 assumes RSA for a PKCS#8 key ({@code BEGIN
 * PRIVATE KEY}) unless told otherwise and, without Bouncy Castle on the class path, then fails on
 * the EC keys Karavel's PKI issues; the algorithm is read from the key itself instead.
 */
final class ClientKeys {
  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";

  private ClientKeys() {}

  /** The key's algorithm ("RSA", "EC", ...), empty when there is no PKCS#8 client key. */
  static Optional<String> algorithm(Config config) {
    return privateKey(config).map(PrivateKey::getAlgorithm);
  }

  /** The kubeconfig's client key when it is PKCS#8 ({@code BEGIN PRIVATE KEY}), else empty. */
  static Optional<PrivateKey> privateKey(Config config) {
    String pem = pem(config);
    int begin = pem == null ? -1 : pem.indexOf(PKCS8_BEGIN);
    int end = begin < 0 ? -1 : pem.indexOf(PKCS8_END, begin);
    if (end < 0) {
      return Optional.empty();
    }
    byte[] der =
        Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end).strip());
    for (String algorithm : List.of("EC", "RSA", "Ed25519", "DSA")) {
      try {
        return Optional.of(
            KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
      } catch (GeneralSecurityException | IllegalArgumentException notThisOne) {
        // try the next algorithm
      }
    }
    return Optional.empty();
  }

  /**
   * Key managers for a PKCS#8 client key and its certificate chain, empty for other key formats
   * (fabric8 then builds them). The key store never leaves memory, so its key entry is protected
   * with one PBKDF2 round: fabric8's PKCS12 store runs the default 10000 rounds when the key is put
   * and again when it is read, interpreted at start, and its C2 compile took about a second of CPU
   * while Karaf was starting.
   */
  static Optional<KeyManager[]> keyManagers(Config config) {
    Optional<PrivateKey> key = privateKey(config);
    byte[] chainPem = certificates(config);
    if (key.isEmpty() || chainPem == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = parse(chainPem).toArray(new Certificate[0]);
      if (chain.length == 0) {
        return Optional.empty();
      }
      char[] password = "karavel-client".toCharArray();
      byte[] salt = new byte[16];
      byte[] iv = new byte[16];
      SecureRandom random = new SecureRandom();
      random.nextBytes(salt);
      random.nextBytes(iv);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setEntry(
          "client",
          new KeyStore.PrivateKeyEntry(key.get(), chain),
          new KeyStore.PasswordProtection(
              password,
              "PBEWithHmacSHA256AndAES_256",
              new PBEParameterSpec(salt, 1, new IvParameterSpec(iv))));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return Optional.of(factory.getKeyManagers());
    } catch (GeneralSecurityException | IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The client certificate chain the kubeconfig would present in TLS, leaf first: empty when it
   * names no client certificate or no client key, or when the certificate cannot be parsed.
   */
  static List<X509Certificate> certificateChain(Config config) {
    byte[] chainPem = certificates(config);
    if (chainPem == null
        || (config.getClientKeyData() == null && config.getClientKeyFile() == null)) {
      return List.of();
    }
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : parse(chainPem)) {
        if (certificate instanceof X509Certificate x509) {
          chain.add(x509);
        }
      }
      return List.copyOf(chain);
    } catch (CertificateException e) {
      return List.of();
    }
  }

  private static Collection<? extends Certificate> parse(byte[] pem) throws CertificateException {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem));
  }

  private static byte[] certificates(Config config) {
    if (config.getClientCertData() != null) {
      return Base64.getMimeDecoder().decode(config.getClientCertData());
    }
    if (config.getClientCertFile() != null) {
      try {
        return Files.readAllBytes(Path.of(config.getClientCertFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read client certificate " + config.getClientCertFile(), e);
      }
    }
    return null;
  }

  private static String pem(Config config) {
    if (config.getClientKeyData() != null) {
      return new String(
          Base64.getMimeDecoder().decode(config.getClientKeyData()), StandardCharsets.US_ASCII);
    }
    if (config.getClientKeyFile() != null) {
      try {
        return Files.readString(Path.of(config.getClientKeyFile()), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read client key " + config.getClientKeyFile(), e);
      }
    }
    return null;
  }
}
