package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
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

  private static String pkcs8(String algorithm) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END PRIVATE KEY-----\n";
  }
}
