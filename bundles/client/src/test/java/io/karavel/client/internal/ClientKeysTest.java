package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientKeysTest {
  @TempDir Path dir;

  @Test
  void readsTheAlgorithmOfPkcs8KeysGivenAsDataOrFile() throws Exception {
    String ec = pkcs8("EC");
    String rsa = pkcs8("RSA");
    Config ecData =
        new ConfigBuilder()
            .withClientKeyData(Base64.getEncoder().encodeToString(ec.getBytes()))
            .build();
    assertThat(ClientKeys.algorithm(ecData)).contains("EC");

    Path rsaFile = dir.resolve("rsa.key");
    Files.writeString(rsaFile, rsa);
    assertThat(
            ClientKeys.algorithm(new ConfigBuilder().withClientKeyFile(rsaFile.toString()).build()))
        .contains("RSA");
  }

  @Test
  void leavesOtherKeysToFabric8() {
    String pkcs1 = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n";
    Config legacy =
        new ConfigBuilder()
            .withClientKeyData(Base64.getEncoder().encodeToString(pkcs1.getBytes()))
            .build();
    assertThat(ClientKeys.algorithm(legacy)).isEmpty();
    assertThat(ClientKeys.algorithm(new ConfigBuilder().build())).isEmpty();
  }

  @Test
  void buildsKeyManagersForAPkcs8KeyAndItsCertificate() throws Exception {
    // A key and self-signed certificate from the JDK's keytool, as PEM in a kubeconfig's fields.
    TestCertificates generated = TestCertificates.generate(dir);
    PrivateKey key = generated.key();
    X509Certificate cert = generated.certificate();
    Config config =
        new ConfigBuilder()
            .withClientKeyData(generated.keyData())
            .withClientCertData(generated.certificateData())
            .build();

    KeyManager[] managers = ClientKeys.keyManagers(config).orElseThrow();
    X509KeyManager manager = (X509KeyManager) managers[0];
    String alias = manager.chooseClientAlias(new String[] {"EC"}, null, null);
    assertThat(alias).isNotNull();
    assertThat(manager.getPrivateKey(alias)).isEqualTo(key);
    assertThat(manager.getCertificateChain(alias)).containsExactly(cert);
    assertThat(ClientKeys.certificateChain(config)).containsExactly(cert);
    // A certificate without a key is not presented.
    assertThat(
            ClientKeys.certificateChain(
                new ConfigBuilder().withClientCertData(config.getClientCertData()).build()))
        .isEmpty();

    // No certificate, or a key fabric8 must parse itself: fabric8 builds the key managers.
    assertThat(
            ClientKeys.keyManagers(
                new ConfigBuilder().withClientKeyData(config.getClientKeyData()).build()))
        .isEmpty();
    String pkcs1 = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n";
    assertThat(
            ClientKeys.keyManagers(
                new ConfigBuilder()
                    .withClientKeyData(Base64.getEncoder().encodeToString(pkcs1.getBytes()))
                    .withClientCertData(config.getClientCertData())
                    .build()))
        .isEmpty();
  }

  private static String pkcs8(String algorithm) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END PRIVATE KEY-----\n";
  }
}
