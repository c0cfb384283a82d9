package io.karavel.store.etcd.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.karavel.store.spi.KeyValue;
import io.karavel.store.spi.StoreUnavailableException;
import io.karavel.store.spi.Watch;
import io.karavel.store.spi.WatchEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** caFile, certFile and keyFile against an etcd that requires client certificates. */
class EtcdTlsTest {
  private static Path certs;
  private static EtcdProcess etcd;

  @BeforeAll
  static void startEtcd() throws Exception {
    certs = Files.createTempDirectory("karavel-etcd-certs-");
    TestCertificates ca = TestCertificates.newCa("karavel-test-ca");
    ca.writeCa(certs.resolve("ca.pem"));
    ca.writeServer(certs.resolve("server.pem"), certs.resolve("server-key.pem"));
    ca.writeClient(
        "karavel-apiserver", certs.resolve("client.pem"), certs.resolve("client-key.pem"));
    TestCertificates.newCa("someone-else").writeCa(certs.resolve("other-ca.pem"));
    etcd =
        EtcdProcess.start(
            List.of(
                "--cert-file=" + certs.resolve("server.pem"),
                "--key-file=" + certs.resolve("server-key.pem"),
                "--trusted-ca-file=" + certs.resolve("ca.pem"),
                "--client-cert-auth=true"),
            "https");
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    if (etcd != null) {
      etcd.close();
    }
    if (certs != null) {
      try (var files = Files.list(certs)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(certs);
    }
  }

  /** Refusals show as requests that time out (gRPC waits for a usable connection). */
  private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(1);

  private static EtcdSettings settings(String ca, String cert, String key, Duration timeout) {
    return EtcdSettings.plain(etcd.clientUrl(), "/tls")
        .withRequestTimeout(timeout)
        .withTls(
            ca == null ? null : certs.resolve(ca),
            cert == null ? null : certs.resolve(cert),
            key == null ? null : certs.resolve(key));
  }

  @Test
  void mutualTlsWorksForRequestsAndWatches() throws Exception {
    try (JetcdStore store =
        JetcdStore.open(
            settings("ca.pem", "client.pem", "client-key.pem", Duration.ofSeconds(10)))) {
      JetcdStoreTest.Listener listener = new JetcdStoreTest.Listener();
      try (Watch w = store.watch("/w/", 0, listener)) {
        KeyValue kv = store.create("/w/a", "secret".getBytes(UTF_8));
        assertThat(store.get("/w/a")).contains(kv);
        List<WatchEvent> events = listener.await(1);
        assertThat(events.get(0).kv()).isEqualTo(kv);
      }
    }
  }

  @Test
  void withoutAClientCertificateEtcdRefuses() {
    try (JetcdStore store = JetcdStore.open(settings("ca.pem", null, null, REFUSAL_TIMEOUT))) {
      assertThatThrownBy(store::currentRevision).isInstanceOf(StoreUnavailableException.class);
    }
  }

  @Test
  void aServerSignedByAnotherAuthorityIsNotTrusted() {
    try (JetcdStore store =
        JetcdStore.open(
            settings("other-ca.pem", "client.pem", "client-key.pem", REFUSAL_TIMEOUT))) {
      assertThatThrownBy(store::currentRevision).isInstanceOf(StoreUnavailableException.class);
    }
  }

  @Test
  void aPlainClientCannotTalkToATlsCluster() {
    String plainUrl = etcd.clientUrl().replace("https://", "http://");
    try (JetcdStore store =
        JetcdStore.open(EtcdSettings.plain(plainUrl, "/tls").withRequestTimeout(REFUSAL_TIMEOUT))) {
      assertThatThrownBy(store::currentRevision).isInstanceOf(StoreUnavailableException.class);
    }
  }
}
