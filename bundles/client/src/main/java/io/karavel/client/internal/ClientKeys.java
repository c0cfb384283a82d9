package io.karavel.client.internal;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

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
        KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        return Optional.of(algorithm);
      } catch (GeneralSecurityException | IllegalArgumentException notThisOne) {
        // try the next algorithm
      }
    }
    return Optional.empty();
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
