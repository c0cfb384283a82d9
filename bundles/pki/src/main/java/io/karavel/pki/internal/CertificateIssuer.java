package io.karavel.pki.internal;

import io.karavel.pki.CertifiedKey;
import io.karavel.pki.KeyAlgorithm;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds X.509 certificates: a self-signed CA, and leaves signed by it. Bouncy Castle only
 * assembles the ASN.1; keys, signatures and parsing use the JDK's providers.
 */
final class CertificateIssuer {

  /** Certificates start slightly in the past so that peers with a lagging clock accept them. */
  static final Duration BACKDATE = Duration.ofMinutes(5);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final CertifiedKey ca;
  private final Clock clock;

  CertificateIssuer(CertifiedKey ca, Clock clock) {
    this.ca = ca;
    this.clock = clock;
  }

  CertifiedKey ca() {
    return ca;
  }

  static CertifiedKey selfSignedCa(
      String commonName, KeyAlgorithm algorithm, Duration validity, Clock clock) {
    KeyPair keys = KeyPairs.generate(algorithm);
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.CN, new DERUTF8String(commonName))
            .build();
    Instant now = clock.instant();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  serial(),
                  Date.from(now.minus(BACKDATE)),
                  Date.from(now.plus(validity)),
                  subject,
                  keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(keys.getPublic()));
      return new CertifiedKey(sign(builder, keys.getPrivate()), keys.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create the CA certificate", e);
    }
  }

  CertifiedKey issue(LeafRequest request) {
    KeyPair keys = KeyPairs.generate(request.keyAlgorithm());
    X509Certificate caCert = ca.certificate();
    Instant now = clock.instant();
    Instant notAfter = now.plus(request.validity());
    Instant caNotAfter = caCert.getNotAfter().toInstant();
    if (notAfter.isAfter(caNotAfter)) {
      notAfter = caNotAfter;
    }
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      int usage = KeyUsage.digitalSignature;
      if ("RSA".equals(keys.getPublic().getAlgorithm())) {
        usage |= KeyUsage.keyEncipherment;
      }
      KeyPurposeId purpose =
          request.purpose() == LeafRequest.Purpose.SERVER
              ? KeyPurposeId.id_kp_serverAuth
              : KeyPurposeId.id_kp_clientAuth;
      // The issuer name is copied from the CA certificate byte for byte: Go matches chains on it.
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  caCert,
                  serial(),
                  Date.from(now.minus(BACKDATE)),
                  Date.from(notAfter),
                  subject(request),
                  keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
              .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(keys.getPublic()))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(caCert));
      List<GeneralName> names = new ArrayList<>();
      for (String dns : request.dnsNames()) {
        names.add(new GeneralName(GeneralName.dNSName, dns));
      }
      for (InetAddress ip : request.ipAddresses()) {
        names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
      }
      if (!names.isEmpty()) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      return new CertifiedKey(sign(builder, ca.privateKey()), keys.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + request.commonName(), e);
    }
  }

  /** The subject a request yields, for comparing with existing certificates. */
  static X500Principal subjectPrincipal(LeafRequest request) {
    try {
      return new X500Principal(subject(request).getEncoded());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code certificate} carries a valid signature of this CA. */
  boolean issued(X509Certificate certificate) {
    PublicKey caKey = ca.certificate().getPublicKey();
    try {
      certificate.verify(caKey);
      return certificate
          .getIssuerX500Principal()
          .equals(ca.certificate().getSubjectX500Principal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  // Organizations first, then the common name, as kubeadm orders the subject. Values are passed
  // as UTF8String: the String overload would read a leading '#' as hex-encoded DER.
  private static X500Name subject(LeafRequest request) {
    X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
    for (String o : request.organizations()) {
      name.addRDN(BCStyle.O, new DERUTF8String(o));
    }
    return name.addRDN(BCStyle.CN, new DERUTF8String(request.commonName())).build();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
      throws GeneralSecurityException {
    try {
      ContentSigner contentSigner =
          new JcaContentSignerBuilder(KeyPairs.signatureAlgorithm(signer)).build(signer);
      return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  // Positive, at most 20 octets (RFC 5280), unpredictable.
  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }
}
