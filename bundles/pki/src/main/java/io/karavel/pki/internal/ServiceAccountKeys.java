package io.karavel.pki.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.pki.KeyAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service-account signing key pair, kubeadm's {@code sa.key} and {@code sa.pub}: an RSA 2048
 * key created on first start (kube-apiserver signs tokens with RS256), or whatever RSA or P-256
 * pair the files already hold.
 */
final class ServiceAccountKeys {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountKeys.class);
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private ServiceAccountKeys() {}

  /**
   * Loads the pair, creating both files when neither exists and the public one when only it is
   * missing (derived from an RSA key). A public key without its private key, or two that do not
   * belong together, is refused rather than replaced: tokens signed with the old key would stop
   * verifying.
   */
  static KeyPair loadOrCreate(Path key, Path pub) throws IOException {
    boolean haveKey = Files.exists(key);
    boolean havePub = Files.exists(pub);
    if (!haveKey && !havePub) {
      KeyPair pair = KeyPairs.generate(KeyAlgorithm.RSA_2048);
      AtomicFiles.write(key, ascii(Pem.encode(pair.getPrivate())), true);
      AtomicFiles.write(pub, ascii(Pem.encode(pair.getPublic())), false);
      LOG.info("Created the service-account signing key pair {} and {}", key, pub);
      return pair;
    }
    if (!haveKey) {
      throw new IOException(pub + " exists without " + key + "; refusing to replace the key pair");
    }
    PrivateKey privateKey;
    try {
      privateKey = Pem.privateKey(Files.readString(key));
    } catch (IllegalArgumentException e) {
      throw new IOException("cannot read " + key + ": " + e.getMessage(), e);
    }
    PublicKey publicKey;
    if (havePub) {
      try {
        publicKey = Pem.publicKey(Files.readString(pub));
      } catch (IllegalArgumentException e) {
        throw new IOException("cannot read " + pub + ": " + e.getMessage(), e);
      }
      if (!KeyPairs.matches(privateKey, publicKey)) {
        throw new IOException(pub + " does not belong to " + key);
      }
    } else {
      publicKey = derive(privateKey, key);
      AtomicFiles.write(pub, ascii(Pem.encode(publicKey)), false);
      LOG.info("Wrote {}, the public half of {}", pub, key);
    }
    return new KeyPair(publicKey, privateKey);
  }

  private static PublicKey derive(PrivateKey key, Path file) throws IOException {
    if (!(key instanceof RSAPrivateCrtKey rsa)) {
      throw new IOException(
          "cannot derive the public key of the " + key.getAlgorithm() + " key " + file);
    }
    try {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot derive the public key of " + file, e);
    }
  }

  /**
   * The key id kube-apiserver gives the key in tokens and in its JWKS: the unpadded base64url
   * SHA-256 of the DER SubjectPublicKeyInfo.
   */
  static String keyId(PublicKey key) {
    try {
      return BASE64URL.encodeToString(
          MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }

  /** The JSON Web Key Set (RFC 7517) of the key, as kube-apiserver serves on /openid/v1/jwks. */
  static String jwks(PublicKey key) {
    ObjectNode jwk = JsonNodeFactory.instance.objectNode();
    jwk.put("use", "sig");
    if (key instanceof RSAPublicKey rsa) {
      jwk.put("kty", "RSA");
      jwk.put("kid", keyId(key));
      jwk.put("alg", "RS256");
      jwk.put("n", BASE64URL.encodeToString(unsigned(rsa.getModulus(), 0)));
      jwk.put("e", BASE64URL.encodeToString(unsigned(rsa.getPublicExponent(), 0)));
    } else if (key instanceof ECPublicKey ec
        && ec.getParams().getCurve().getField().getFieldSize() == 256) {
      jwk.put("kty", "EC");
      jwk.put("kid", keyId(key));
      jwk.put("crv", "P-256");
      jwk.put("alg", "ES256");
      jwk.put("x", BASE64URL.encodeToString(unsigned(ec.getW().getAffineX(), 32)));
      jwk.put("y", BASE64URL.encodeToString(unsigned(ec.getW().getAffineY(), 32)));
    } else {
      throw new IllegalArgumentException("unsupported service-account key " + key.getAlgorithm());
    }
    ObjectNode set = JsonNodeFactory.instance.objectNode();
    ArrayNode keys = set.putArray("keys");
    keys.add(jwk);
    return set.toString();
  }

  /** Big-endian bytes without a sign byte, left-padded with zeros to {@code length} if given. */
  private static byte[] unsigned(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    if (bytes.length < length) {
      byte[] padded = new byte[length];
      System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
      return padded;
    }
    return bytes;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
