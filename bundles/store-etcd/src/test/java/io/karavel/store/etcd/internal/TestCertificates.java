package io.karavel.store.etcd.internal;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA with a server certificate for 127.0.0.1 and client certificates, as PEM. */
final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(1);

  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate ca;

  private TestCertificates(String name) throws Exception {
    this.name = name;
    this.caKeys = keys();
    X500Name subject = new X500Name("CN=" + name);
    this.ca =
        sign(
            builder(subject, subject, caKeys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
            caKeys.getPrivate());
  }

  static TestCertificates newCa(String name) throws Exception {
    return new TestCertificates(name);
  }

  /** Writes the CA certificate to {@code file}. */
  Path writeCa(Path file) throws IOException {
    writePem(file, ca);
    return file;
  }

  /** Writes a server certificate for 127.0.0.1 and localhost, and its PKCS#8 key. */
  void writeServer(Path cert, Path key) throws Exception {
    KeyPair keys = keys();
    X509v3CertificateBuilder b =
        builder(new X500Name("CN=" + name), new X500Name("CN=etcd"), keys)
            .addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(
                    new GeneralName[] {
                      new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                      new GeneralName(GeneralName.dNSName, "localhost")
                    }))
            .addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(
                    new KeyPurposeId[] {
                      KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                    }));
    writePem(cert, sign(b, caKeys.getPrivate()));
    writePem(key, new JcaPKCS8Generator(keys.getPrivate(), null));
  }

  /** Writes a client certificate and its PKCS#8 key. */
  void writeClient(String commonName, Path cert, Path key) throws Exception {
    KeyPair keys = keys();
    X509v3CertificateBuilder b =
        builder(new X500Name("CN=" + name), new X500Name("CN=" + commonName), keys)
            .addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    writePem(cert, sign(b, caKeys.getPrivate()));
    writePem(key, new JcaPKCS8Generator(keys.getPrivate(), null));
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.getAndIncrement()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  private static void writePem(Path file, Object object) throws IOException {
    try (Writer w = Files.newBufferedWriter(file);
        JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(object);
    }
  }
}
