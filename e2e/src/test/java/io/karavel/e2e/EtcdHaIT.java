package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two control-plane distributions on different ports share one real etcd and the cluster's keys:
 * each has a PKI directory of its own, B's seeded with copies of A's CA and service-account key
 * pair (ca.crt, ca.key, sa.key, sa.pub), as kubeadm's {@code join --control-plane} copies them.
 * Each trusts the other's clients and exposes the same service-account key; concurrent
 * read-modify-write updates of one object through both, retried on 409 Conflict, lose no update,
 * and a watch on each server sees every event.
 */
class EtcdHaIT {
  private static final int WRITERS_PER_SERVER = 2;
  private static final int INCREMENTS_PER_WRITER = 25;
  private static final int TOTAL = 2 * WRITERS_PER_SERVER * INCREMENTS_PER_WRITER;
  private static final String CMS = "/api/v1/namespaces/ha/configmaps";

  private static EtcdCluster etcd;
  private static Path pkiA;
  private static Path pkiB;

  /** The files every control plane of a cluster shares. */
  private static final List<String> SHARED = List.of("ca.crt", "ca.key", "sa.key", "sa.pub");

  private static KaravelCluster a;
  private static KaravelCluster b;
  private static RestCalls apiA;
  private static RestCalls apiB;
  private static KarafConsole consoleB;

  @BeforeAll
  static void start() throws Exception {
    etcd = EtcdCluster.start(1);
    pkiA = Files.createTempDirectory("karavel-pki-a-");
    pkiB = Files.createTempDirectory("karavel-pki-b-");
    Path root = Path.of(System.getProperty("karavel.control-plane", "target/control-plane"));
    a = controlPlane(root, pkiA);
    a.launch(); // creates the CA, the service-account keys and its own certificates
    for (String file : SHARED) {
      Files.copy(pkiA.resolve(file), pkiB.resolve(file));
    }
    b = controlPlane(root, pkiB);
    consoleB = KarafConsole.enable(b);
    b.launch(); // loads the copies, issues its own serving and admin certificates
    apiA = new RestCalls(a);
    apiB = new RestCalls(b);
  }

  private static KaravelCluster controlPlane(Path root, Path pki) throws Exception {
    KaravelCluster c = KaravelCluster.prepare(root);
    c.config("io.karavel.store", Map.of("backend", "etcd"))
        .config("io.karavel.store.etcd", Map.of("endpoints", etcd.endpoints()))
        .config("io.karavel.apiserver", Map.of("pkiDir", pki.toString()));
    return c;
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {a, b, etcd}) {
      if (c != null) {
        c.close();
      }
    }
    for (Path pki : new Path[] {pkiA, pkiB}) {
      if (pki != null) {
        KaravelCluster.deleteTree(pki);
      }
    }
  }

  @Test
  void bothServersTrustTheSameCaAndServeTheSameData() throws Exception {
    assertThat(a.port()).isNotEqualTo(b.port());
    // B's admin credentials (issued from the shared CA) work against A, and the reverse.
    RestCalls aWithBsCredentials = new RestCalls(a, b.adminTls());
    assertThat(aWithBsCredentials.get("/api/v1/namespaces/default").status()).isEqualTo(200);
    RestCalls bWithAsKubeconfig = new RestCalls(b, a.adminTls());
    assertThat(bWithAsKubeconfig.get("/api/v1/namespaces/default").status()).isEqualTo(200);
    apiA.post("/api/v1/namespaces", EtcdBackendSwitchIT.namespace("shared"));
    assertThat(apiB.get("/api/v1/namespaces/shared").status()).isEqualTo(200);
  }

  @Test
  void ownPkiDirectoriesWithCopiedKeysServeOwnCertificatesFromOneCaAndOneServiceAccountKey()
      throws Exception {
    X509Certificate ca =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(pkiA.resolve("ca.crt")));
    // Each server presents its own serving certificate, both issued by the one CA.
    X509Certificate servingA = servingCertificate(a);
    X509Certificate servingB = servingCertificate(b);
    assertThat(servingB).isNotEqualTo(servingA);
    assertThat(servingA.getEncoded()).isEqualTo(pem(pkiA.resolve("apiserver.crt")));
    assertThat(servingB.getEncoded()).isEqualTo(pem(pkiB.resolve("apiserver.crt")));
    for (X509Certificate serving : List.of(servingA, servingB)) {
      serving.verify(ca.getPublicKey());
      assertThat(serving.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    }
    // B used the copies, replacing none of them.
    for (String file : SHARED) {
      assertThat(Files.readString(pkiB.resolve(file)))
          .as(file)
          .isEqualTo(Files.readString(pkiA.resolve(file)));
    }
    // Both serve the same service-account key on /openid/v1/jwks: the one in sa.pub.
    RSAPublicKey saPub =
        (RSAPublicKey)
            KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(pem(pkiA.resolve("sa.pub"))));
    String kid =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(MessageDigest.getInstance("SHA-256").digest(saPub.getEncoded()));
    RestCalls.Answer jwksA = apiA.get("/openid/v1/jwks");
    RestCalls.Answer jwksB = apiB.get("/openid/v1/jwks");
    assertThat(jwksA.status()).as("%s", jwksA).isEqualTo(200);
    assertThat(jwksB.status()).as("%s", jwksB).isEqualTo(200);
    assertThat(jwksB.body()).isEqualTo(jwksA.body());
    JsonNode key = jwksA.body().path("keys").path(0);
    assertThat(jwksA.body().path("keys")).hasSize(1);
    assertThat(key.path("kty").asText()).isEqualTo("RSA");
    assertThat(key.path("alg").asText()).isEqualTo("RS256");
    assertThat(key.path("kid").asText()).isEqualTo(kid);
    assertThat(new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())))
        .isEqualTo(saPub.getModulus());
  }

  /** The certificate the server at {@code c} presents, checked against the admin's trust. */
  private static X509Certificate servingCertificate(KaravelCluster c) throws Exception {
    try (SSLSocket socket =
        (SSLSocket) c.adminTls().getSocketFactory().createSocket("127.0.0.1", c.port())) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** The DER content of the first PEM block in {@code file}. */
  private static byte[] pem(Path file) throws Exception {
    String text = Files.readString(file);
    String body = text.substring(text.indexOf("-----", text.indexOf("-----BEGIN") + 10) + 5);
    body = body.substring(0, body.indexOf("-----END"));
    return Base64.getMimeDecoder().decode(body);
  }

  @Test
  void theLeaderOfEachSingletonIsVisibleFromEveryServer() throws Exception {
    // Both control planes run a scheduler; they elect one leader over the kube-scheduler Lease.
    String path = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler";
    String holder = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (holder.isEmpty() && System.nanoTime() < deadline) {
      RestCalls.Answer lease = apiA.get(path);
      if (lease.status() == 200) {
        holder = lease.body().path("spec").path("holderIdentity").asText();
      } else {
        Thread.sleep(250);
      }
    }
    assertThat(holder).as("the kube-scheduler Lease has a holder").isNotEmpty();

    // Server B reads the same Lease from etcd and shows the same single leader.
    String leaders = consoleB.run("kube:leaders");
    assertThat(leaders)
        .containsPattern("COMPONENT\\s+LEADER\\s+RENEWED\\s+DURATION\\s+STATE")
        .containsPattern(
            "kube-scheduler\\s+"
                + java.util.regex.Pattern.quote(holder)
                + "\\s+\\d+s ago\\s+\\d+s\\s+held");
    assertThat(consoleB.run("kube:get lease -n kube-system")).contains("kube-scheduler", holder);
  }

  @Test
  void concurrentUpdatesThroughBothLoseNothingAndBothWatchesSeeEveryEvent() throws Exception {
    RestCalls.Answer ns = apiA.post("/api/v1/namespaces", EtcdBackendSwitchIT.namespace("ha"));
    assertThat(ns.status()).isIn(201, 409);
    RestCalls.Answer created = apiA.post(CMS, EtcdBackendSwitchIT.configMap("counter", "0"));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String startRv = created.body().path("metadata").path("resourceVersion").asText();

    ExecutorService pool = Executors.newFixedThreadPool(2 + 2 * WRITERS_PER_SERVER);
    try {
      List<JsonNode> seenByA = new CopyOnWriteArrayList<>();
      List<JsonNode> seenByB = new CopyOnWriteArrayList<>();
      Future<?> watchA = pool.submit(() -> watchUntilDone(apiA, startRv, seenByA));
      Future<?> watchB = pool.submit(() -> watchUntilDone(apiB, startRv, seenByB));
      Thread.sleep(1000); // both watches are open before the first update

      AtomicInteger conflicts = new AtomicInteger();
      List<Future<List<Long>>> writers = new ArrayList<>();
      for (int i = 0; i < WRITERS_PER_SERVER; i++) {
        writers.add(pool.submit(() -> increment(apiA, conflicts)));
        writers.add(pool.submit(() -> increment(apiB, conflicts)));
      }
      List<Long> acknowledged = new ArrayList<>();
      for (Future<List<Long>> w : writers) {
        acknowledged.addAll(w.get(120, TimeUnit.SECONDS));
      }

      assertThat(acknowledged).hasSize(TOTAL).doesNotHaveDuplicates();
      for (RestCalls api : List.of(apiA, apiB)) {
        JsonNode now = api.get(CMS + "/counter").body();
        assertThat(now.path("data").path("k").asInt()).as("no lost update").isEqualTo(TOTAL);
      }
      watchA.get(60, TimeUnit.SECONDS);
      watchB.get(60, TimeUnit.SECONDS);
      for (List<JsonNode> seen : List.of(seenByA, seenByB)) {
        assertThat(seen).hasSize(TOTAL);
        List<Long> rvs = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
          JsonNode event = seen.get(i);
          assertThat(event.path("type").asText()).isEqualTo("MODIFIED");
          JsonNode object = event.path("object");
          assertThat(object.path("data").path("k").asInt()).as("event %d", i).isEqualTo(i + 1);
          rvs.add(object.path("metadata").path("resourceVersion").asLong());
        }
        assertThat(rvs).isSorted().doesNotHaveDuplicates();
        assertThat(rvs).containsExactlyInAnyOrderElementsOf(acknowledged);
      }
      System.out.printf(
          "EtcdHaIT: %d updates through two API servers, %d conflicts retried%n",
          TOTAL, conflicts.get());
      assertThat(conflicts.get()).as("the writers really raced").isPositive();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Read, add one, write back with the read resourceVersion; on 409 read again. */
  private static List<Long> increment(RestCalls api, AtomicInteger conflicts) throws Exception {
    List<Long> acknowledged = new ArrayList<>();
    for (int done = 0; done < INCREMENTS_PER_WRITER; ) {
      JsonNode current = api.get(CMS + "/counter").body();
      ObjectNode next = current.deepCopy();
      ObjectNode data = (ObjectNode) next.path("data");
      data.put("k", String.valueOf(current.path("data").path("k").asInt() + 1));
      RestCalls.Answer put = api.put(CMS + "/counter", next);
      if (put.status() == 409) {
        conflicts.incrementAndGet();
        continue;
      }
      assertThat(put.status()).as("%s", put).isEqualTo(200);
      acknowledged.add(put.body().path("metadata").path("resourceVersion").asLong());
      done++;
    }
    return acknowledged;
  }

  private static Void watchUntilDone(RestCalls api, String rv, List<JsonNode> seen)
      throws Exception {
    try {
      api.watch(
          CMS + "?watch=1&resourceVersion=" + rv + "&timeoutSeconds=120",
          event -> {
            if (event.path("type").asText().equals("BOOKMARK")) {
              return;
            }
            seen.add(event);
            if (seen.size() >= TOTAL) {
              throw new WatchDone();
            }
          });
    } catch (WatchDone done) {
      // every expected event arrived
    }
    return null;
  }

  private static final class WatchDone extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
