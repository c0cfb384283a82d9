package io.karavel.client.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** An EC key and self-signed client certificate from the JDK's keytool, with their PEM forms. */
record TestCertificates(
    PrivateKey key, X509Certificate certificate, String keyPem, String certificatePem) {

  static TestCertificates generate(Path dir) throws Exception {
    Path store = dir.resolve("k.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-alias",
                "a",
                "-dname",
                "CN=admin,O=system:masters",
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "secret")
            .redirectErrorStream(true)
            .start();
    if (keytool.waitFor() != 0) {
      throw new IllegalStateException(new String(keytool.getInputStream().readAllBytes()));
    }
    KeyStore generated = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      generated.load(in, "secret".toCharArray());
    }
    PrivateKey key = (PrivateKey) generated.getKey("a", "secret".toCharArray());
    X509Certificate cert = (X509Certificate) generated.getCertificate("a");
    Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    String keyPem =
        "-----BEGIN PRIVATE KEY-----\n"
            + mime.encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    String certPem =
        "-----BEGIN CERTIFICATE-----\n"
            + mime.encodeToString(cert.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    return new TestCertificates(key, cert, keyPem, certPem);
  }

  /** The key as kubeconfig data (base64 of the PEM). */
  String keyData() {
    return Base64.getEncoder().encodeToString(keyPem.getBytes(StandardCharsets.US_ASCII));
  }

  /** The certificate as kubeconfig data (base64 of the PEM). */
  String certificateData() {
    return Base64.getEncoder().encodeToString(certificatePem.getBytes(StandardCharsets.US_ASCII));
  }
}
