package io.karavel.pki.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.karavel.pki.ClusterPki;
import io.karavel.pki.PkiOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSL as an independent judge of the files, and as a source of foreign key formats. */
class OpensslCrossCheckTest {

  private static final Path OPENSSL = Path.of("/usr/bin/openssl");

  @TempDir Path dir;

  @BeforeAll
  static void requireOpenssl() {
    assumeTrue(Files.isExecutable(OPENSSL), "openssl is installed");
  }

  @Test
  void opensslVerifiesTheChainsAndPurposes() throws Exception {
    ClusterPki.loadOrCreate(dir, PkiOptions.defaults());

    assertThat(openssl("verify", "-CAfile", "ca.crt", "-purpose", "sslserver", "apiserver.crt"))
        .isEqualTo("apiserver.crt: OK");
    assertThat(openssl("verify", "-CAfile", "ca.crt", "-purpose", "sslclient", "admin.crt"))
        .isEqualTo("admin.crt: OK");
    // The admin certificate must not be usable to impersonate the server.
    assertThat(run("verify", "-CAfile", "ca.crt", "-purpose", "sslserver", "admin.crt").exit)
        .isNotZero();
    for (String key : List.of("ca.key", "apiserver.key", "admin.key")) {
      assertThat(run("pkey", "-in", key, "-noout").exit).as(key).isZero();
    }
    assertThat(openssl("x509", "-in", "apiserver.crt", "-noout", "-ext", "subjectAltName"))
        .contains("DNS:kubernetes.default.svc.cluster.local", "IP Address:127.0.0.1");
  }

  @Test
  void serviceAccountKeyPairIsOneRsaKeyInOpensslsEyes() throws Exception {
    ClusterPki.loadOrCreate(dir, PkiOptions.defaults());

    assertThat(openssl("pkey", "-in", "sa.key", "-pubout"))
        .isEqualTo(Files.readString(dir.resolve("sa.pub")).strip());
    assertThat(openssl("pkey", "-pubin", "-in", "sa.pub", "-noout", "-text"))
        .contains("Public-Key: (2048 bit)");
  }

  @Test
  void serviceAccountKeysMadeByOpensslAreLoadedAndTheMissingPublicHalfDerived() throws Exception {
    openssl("genrsa", "-traditional", "-out", "sa.key", "2048");

    ClusterPki pki = ClusterPki.loadOrCreate(dir, PkiOptions.defaults());

    assertThat(Files.readString(dir.resolve("sa.pub")).strip())
        .isEqualTo(openssl("pkey", "-in", "sa.key", "-pubout"));
    assertThat(pki.serviceAccountPublicKey().getEncoded())
        .isEqualTo(Pem.publicKey(openssl("pkey", "-in", "sa.key", "-pubout")).getEncoded());
  }

  @Test
  void keysInOpensslsTraditionalFormatsAreRead() throws Exception {
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.pem");
    openssl("genrsa", "-traditional", "-out", "rsa.pem", "2048");

    String ec = Files.readString(dir.resolve("ec.pem"));
    String rsa = Files.readString(dir.resolve("rsa.pem"));
    assertThat(ec).contains("BEGIN EC PRIVATE KEY");
    assertThat(rsa).contains("BEGIN RSA PRIVATE KEY");
    PrivateKey ecKey = Pem.privateKey(ec);
    PrivateKey rsaKey = Pem.privateKey(rsa);
    assertThat(ecKey.getAlgorithm()).isEqualTo("EC");
    assertThat(rsaKey.getAlgorithm()).isEqualTo("RSA");

    // Written back as PKCS#8, OpenSSL sees the same key.
    Files.writeString(dir.resolve("ec8.pem"), Pem.encode(ecKey));
    assertThat(openssl("pkey", "-in", "ec8.pem", "-pubout"))
        .isEqualTo(openssl("pkey", "-in", "ec.pem", "-pubout"));
  }

  private String openssl(String... args) throws Exception {
    Result r = run(args);
    assertThat(r.exit).as(r.output).isZero();
    return r.output.strip();
  }

  private record Result(int exit, String output) {}

  private Result run(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = OPENSSL.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
