package io.karavel.pki.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * PEM encoding and decoding. Keys are written as PKCS#8, which Go, OpenSSL and Java all read; keys
 * are read in every form kubeconfig files carry (PKCS#8, PKCS#1, SEC 1).
 */
public final class Pem {

  private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, new byte[] {'\n'});

  private Pem() {}

  public static String encode(X509Certificate certificate) {
    try {
      return block("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode certificate", e);
    }
  }

  public static String encode(PrivateKey key) {
    if (!"PKCS#8".equals(key.getFormat())) {
      throw new IllegalArgumentException("not a PKCS#8 encodable key: " + key.getFormat());
    }
    return block("PRIVATE KEY", key.getEncoded());
  }

  /** A public key as {@code BEGIN PUBLIC KEY} (X.509 SubjectPublicKeyInfo), as kubeadm's sa.pub. */
  public static String encode(PublicKey key) {
    if (!"X.509".equals(key.getFormat())) {
      throw new IllegalArgumentException("not an X.509 encodable key: " + key.getFormat());
    }
    return block("PUBLIC KEY", key.getEncoded());
  }

  /**
   * The first public key ({@code BEGIN PUBLIC KEY}) in the text.
   *
   * @throws IllegalArgumentException if there is none or it cannot be parsed
   */
  public static PublicKey publicKey(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof SubjectPublicKeyInfo info) {
          return KeyFactory.getInstance(jdkAlgorithm(info.getAlgorithm().getAlgorithm()))
              .generatePublic(new X509EncodedKeySpec(info.getEncoded()));
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("invalid PEM public key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("no PEM public key found");
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + ENCODER.encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /**
   * Every certificate in the text, in order.
   *
   * @throws IllegalArgumentException if there is none or one cannot be parsed
   */
  public static List<X509Certificate> certificates(String pem) {
    List<X509Certificate> result = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          result.add(
              (X509Certificate)
                  factory.generateCertificate(new ByteArrayInputStream(holder.getEncoded())));
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("invalid PEM certificate: " + e.getMessage(), e);
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException("no PEM certificate found");
    }
    return List.copyOf(result);
  }

  /**
   * The first private key in the text.
   *
   * @throws IllegalArgumentException if there is none or it cannot be parsed
   */
  public static PrivateKey privateKey(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PrivateKeyInfo info) {
          return toPrivateKey(info);
        }
        if (o instanceof PEMKeyPair pair) {
          return toPrivateKey(pair.getPrivateKeyInfo());
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("invalid PEM private key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("no PEM private key found");
  }

  // Conversion through the JDK's own key factories keeps Bouncy Castle out of the provider list.
  private static PrivateKey toPrivateKey(PrivateKeyInfo info)
      throws IOException, GeneralSecurityException {
    return KeyFactory.getInstance(jdkAlgorithm(info.getPrivateKeyAlgorithm().getAlgorithm()))
        .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
  }

  /** The JDK's key factory name for a key algorithm identifier. */
  private static String jdkAlgorithm(ASN1ObjectIdentifier oid) throws GeneralSecurityException {
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return "EC";
    } else if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return "RSA";
    } else if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return "Ed25519";
    }
    throw new GeneralSecurityException("unsupported key algorithm " + oid);
  }
}
