package io.karavel.pki.internal;

import io.karavel.pki.KeyAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import javax.crypto.KeyAgreement;

/** Key generation and the signature algorithm that goes with each key type. */
final class KeyPairs {

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyPairs() {}

  static KeyPair generate(KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator generator;
      if (algorithm == KeyAlgorithm.EC_P256) {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      } else {
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
    }
  }

  static String signatureAlgorithm(PrivateKey signer) {
    return switch (signer.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> throw new IllegalArgumentException("unsupported key " + signer.getAlgorithm());
    };
  }

  /**
   * Whether the private key belongs to the public key. Runs at every start for each key the PKI
   * loads, so it avoids signing: an RSA private key carries its public modulus and exponent, and an
   * EC public point is the private scalar times the curve's generator, computed here by one ECDH
   * agreement with the generator (a third of the scalar multiplications of a sign and verify).
   * Other key types sign a probe and verify it.
   */
  static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    try {
      if (privateKey instanceof RSAPrivateCrtKey rsa && publicKey instanceof RSAPublicKey pub) {
        return rsa.getModulus().equals(pub.getModulus())
            && rsa.getPublicExponent().equals(pub.getPublicExponent());
      }
      if (privateKey instanceof ECPrivateKey ec && publicKey instanceof ECPublicKey pub) {
        return ecMatches(ec, pub);
      }
      String algorithm = signatureAlgorithm(privateKey);
      byte[] probe = "karavel key match".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The x coordinate of private × generator (the ECDH secret with the generator as the peer's
   * public key) against the public point's. Equal x means the point is ±private × generator, and a
   * key of the other sign is the distinct scalar n − private.
   */
  private static boolean ecMatches(ECPrivateKey privateKey, ECPublicKey publicKey)
      throws GeneralSecurityException {
    ECParameterSpec params = privateKey.getParams();
    ECParameterSpec other = publicKey.getParams();
    if (!params.getCurve().equals(other.getCurve())
        || !params.getGenerator().equals(other.getGenerator())
        || !params.getOrder().equals(other.getOrder())) {
      return false;
    }
    PublicKey generator =
        KeyFactory.getInstance("EC")
            .generatePublic(new ECPublicKeySpec(params.getGenerator(), params));
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(privateKey);
    agreement.doPhase(generator, true);
    byte[] x = agreement.generateSecret();
    return new BigInteger(1, x).equals(publicKey.getW().getAffineX());
  }
}
