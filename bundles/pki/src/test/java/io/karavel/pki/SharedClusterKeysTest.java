package io.karavel.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service-account key pair, and control planes that share the CA and it from copies. */
class SharedClusterKeysTest {

  @TempDir Path dir;

  @Test
  void firstStartCreatesAnRsaServiceAccountKeyPairLikeKubeadms() throws Exception {
    ClusterPki pki = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());

    Path key = dir.resolve(ClusterPki.SA_KEY);
    Path pub = dir.resolve(ClusterPki.SA_PUB);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(pki.serviceAccountPublicKey()).isInstanceOf(RSAPublicKey.class);
    assertThat(((RSAPublicKey) pki.serviceAccountPublicKey()).getModulus().bitLength())
        .isEqualTo(2048);
    // The two halves belong together: what the private key signs, the public key verifies.
    byte[] token = "header.payload".getBytes();
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(pki.serviceAccountSigningKey());
    signer.update(token);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(pki.serviceAccountPublicKey());
    verifier.update(token);
    assertThat(verifier.verify(signature)).isTrue();

    ClusterPki again = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());
    assertThat(again.serviceAccountPublicKey()).isEqualTo(pki.serviceAccountPublicKey());
  }

  @Test
  void secondControlPlaneWithCopiesInItsOwnDirectoryIssuesItsOwnServingCertificateFromTheSameCa()
      throws Exception {
    ClusterPki a = ClusterPki.loadOrCreate(dir.resolve("a"), PkiOptions.defaults());
    Path bDir = Files.createDirectories(dir.resolve("b"));
    for (String shared :
        List.of(ClusterPki.CA_CERT, ClusterPki.CA_KEY, ClusterPki.SA_KEY, ClusterPki.SA_PUB)) {
      Files.copy(dir.resolve("a").resolve(shared), bDir.resolve(shared));
    }

    ClusterPki b =
        ClusterPki.loadOrCreate(bDir, PkiOptions.defaults().withExtraSans(List.of("cp-b")));

    assertThat(b.caCertificate()).isEqualTo(a.caCertificate());
    assertThat(b.serving().certificate()).isNotEqualTo(a.serving().certificate());
    ClusterPkiTest.validate(b.serving().certificate(), a.caCertificate());
    ClusterPkiTest.validate(a.admin().certificate(), b.caCertificate());
    assertThat(b.serviceAccountPublicKey()).isEqualTo(a.serviceAccountPublicKey());
    assertThat(b.serviceAccountKeyId()).isEqualTo(a.serviceAccountKeyId());
    assertThat(b.serviceAccountJwks()).isEqualTo(a.serviceAccountJwks());
    // A's directory is untouched by B's start.
    assertThat(a.serving().certificate())
        .isEqualTo(
            ClusterPki.loadOrCreate(dir.resolve("a"), PkiOptions.defaults())
                .serving()
                .certificate());
  }

  @Test
  void caAndServiceAccountFilesMayLiveOutsideThePkiDirectory() throws Exception {
    ClusterPki a = ClusterPki.loadOrCreate(dir.resolve("a"), PkiOptions.defaults());
    PkiFiles shared =
        PkiFiles.in(dir.resolve("b"))
            .withConfigured(
                a.files().caCertificate().toString(),
                a.files().caKey().toString(),
                a.files().serviceAccountKey().toString(),
                " ");
    assertThat(shared.serviceAccountPublicKey()).isEqualTo(dir.resolve("b").resolve("sa.pub"));

    ClusterPki b = ClusterPki.loadOrCreate(dir.resolve("b"), PkiOptions.defaults(), shared);

    assertThat(b.caCertificate()).isEqualTo(a.caCertificate());
    assertThat(dir.resolve("b").resolve(ClusterPki.CA_CERT)).doesNotExist();
    assertThat(dir.resolve("b").resolve(ClusterPki.SERVING_CERT)).exists();
    // sa.pub was missing in b: derived from the shared sa.key.
    assertThat(Files.readString(dir.resolve("b").resolve(ClusterPki.SA_PUB)))
        .isEqualTo(Files.readString(dir.resolve("a").resolve(ClusterPki.SA_PUB)));
    assertThat(b.serviceAccountPublicKey()).isEqualTo(a.serviceAccountPublicKey());
  }

  @Test
  void aPublicKeyWithoutItsPrivateKeyOrAForeignOneIsRefused() throws Exception {
    ClusterPki.loadOrCreate(dir, PkiOptions.defaults());
    ClusterPki other = ClusterPki.loadOrCreate(dir.resolve("other"), PkiOptions.defaults());
    Files.copy(
        other.files().serviceAccountPublicKey(),
        dir.resolve(ClusterPki.SA_PUB),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> ClusterPki.loadOrCreate(dir, PkiOptions.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not belong");

    Files.delete(dir.resolve(ClusterPki.SA_KEY));
    assertThatThrownBy(() -> ClusterPki.loadOrCreate(dir, PkiOptions.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("sa.pub exists without");
    assertThat(dir.resolve(ClusterPki.SA_KEY)).doesNotExist();
  }

  @Test
  void jwksHoldsTheRsaKeyWithKubeApiserversKeyId() throws Exception {
    ClusterPki pki = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());
    RSAPublicKey key = (RSAPublicKey) pki.serviceAccountPublicKey();

    JsonNode jwks = new ObjectMapper().readTree(pki.serviceAccountJwks());

    assertThat(jwks.path("keys")).hasSize(1);
    JsonNode jwk = jwks.path("keys").path(0);
    assertThat(jwk.path("kty").asText()).isEqualTo("RSA");
    assertThat(jwk.path("use").asText()).isEqualTo("sig");
    assertThat(jwk.path("alg").asText()).isEqualTo("RS256");
    String kid =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    assertThat(jwk.path("kid").asText()).isEqualTo(kid).isEqualTo(pki.serviceAccountKeyId());
    Base64.Decoder url = Base64.getUrlDecoder();
    assertThat(new BigInteger(1, url.decode(jwk.path("n").asText()))).isEqualTo(key.getModulus());
    assertThat(url.decode(jwk.path("n").asText())).hasSize(256); // no sign byte
    assertThat(jwk.path("e").asText()).isEqualTo("AQAB");
  }
}
