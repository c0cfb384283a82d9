package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole distribution is killed with SIGKILL in the middle of a write load, restarted, and every
 * write the API server acknowledged must be there: creates present with at least the acknowledged
 * data, acknowledged deletes gone, the store readable and its revision still growing.
 */
class CrashIT {

  private static final int WRITERS = 8;
  private static final String NS = "default";

  private static KaravelCluster cluster;

  /** Name → the highest data version the server acknowledged for it. */
  private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();

  /** Names whose delete the server acknowledged. */
  private final Map<String, Boolean> deleted = new ConcurrentHashMap<>();

  /**
   * Names whose delete was sent but not answered when the server died: the delete may or may not
   * have been committed, so either outcome is correct. The next verification settles each one.
   */
  private final Map<String, Boolean> deleteUnanswered = new ConcurrentHashMap<>();

  private final AtomicLong highestRevision = new AtomicLong();

  @BeforeAll
  static void start() throws Exception {
    cluster = KaravelCluster.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killNineDuringWritesLosesNoAcknowledgedWrite() throws Exception {
    for (int round = 0; round < 2; round++) {
      int before = acknowledged.size() + deleted.size();
      loadThenKill(round, 400);
      System.out.printf(
          "round %d: %d creates/updates and %d deletes acknowledged before kill -9%n",
          round, acknowledged.size(), deleted.size());
      assertThat(acknowledged.size() + deleted.size()).isGreaterThan(before);

      cluster.launch();
      verify();
    }
  }

  /** Runs the writers until {@code atLeast} more acknowledgements, then kills the distribution. */
  private void loadThenKill(int round, int atLeast) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger acks = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try (KubernetesClient client = client()) {
      for (int w = 0; w < WRITERS; w++) {
        String prefix = "r" + round + "-w" + w + "-";
        pool.execute(() -> write(client, prefix, running, acks));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acks.get() < atLeast && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(acks.get())
          .as("acknowledged writes before the kill")
          .isGreaterThanOrEqualTo(atLeast);
      // Kill while the writers are still sending: requests are in flight at this moment.
      cluster.kill9();
      running.set(false);
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  /**
   * Creates, updates and deletes ConfigMaps; records only what the server answered with success.
   */
  private void write(
      KubernetesClient client, String prefix, AtomicBoolean running, AtomicInteger acks) {
    for (int i = 0; running.get(); i++) {
      String name = prefix + i;
      try {
        ConfigMap created =
            client.configMaps().inNamespace(NS).resource(configMap(name, 0, null)).create();
        record(created, name, 0, acks);
        ConfigMap updated =
            client
                .configMaps()
                .inNamespace(NS)
                .resource(configMap(name, 1, created.getMetadata().getResourceVersion()))
                .update();
        record(updated, name, 1, acks);
        if (i % 5 == 4) {
          deleteUnanswered.put(name, true);
          client.configMaps().inNamespace(NS).withName(name).delete();
          // delete() returned without an error: the server acknowledged it.
          deleteUnanswered.remove(name);
          acknowledged.remove(name);
          deleted.put(name, true);
          acks.incrementAndGet();
        }
      } catch (KubernetesClientException e) {
        // Not acknowledged (the server is gone or going): nothing is recorded for this write.
        if (!running.get()) {
          return;
        }
      }
    }
  }

  private void record(ConfigMap answer, String name, int version, AtomicInteger acks) {
    acknowledged.merge(name, version, Math::max);
    highestRevision.accumulateAndGet(
        Long.parseLong(answer.getMetadata().getResourceVersion()), Math::max);
    acks.incrementAndGet();
  }

  private void verify() throws Exception {
    try (KubernetesClient client = client()) {
      Map<String, ConfigMap> stored = new ConcurrentHashMap<>();
      for (ConfigMap cm : client.configMaps().inNamespace(NS).list().getItems()) {
        stored.put(cm.getMetadata().getName(), cm);
      }
      // An unanswered delete either happened or not; settle it by what the store holds now.
      for (String name : List.copyOf(deleteUnanswered.keySet())) {
        deleteUnanswered.remove(name);
        if (!stored.containsKey(name)) {
          acknowledged.remove(name);
          deleted.put(name, true);
        }
      }
      List<String> lost = new ArrayList<>();
      List<String> stale = new ArrayList<>();
      acknowledged.forEach(
          (name, version) -> {
            ConfigMap cm = stored.get(name);
            if (cm == null) {
              lost.add(name);
            } else if (Integer.parseInt(cm.getData().get("version")) < version) {
              stale.add(name + " (acknowledged " + version + ", stored " + cm.getData() + ")");
            }
          });
      List<String> resurrected =
          deleted.keySet().stream().filter(stored::containsKey).sorted().toList();
      assertThat(lost).as("acknowledged creates missing after restart").isEmpty();
      assertThat(stale).as("acknowledged updates missing after restart").isEmpty();
      assertThat(resurrected).as("acknowledged deletes undone after restart").isEmpty();

      // Each object also reads back on its own, and the store still takes writes at a later
      // revision than anything acknowledged before the crash.
      for (String name : acknowledged.keySet().stream().limit(50).toList()) {
        assertThat(client.configMaps().inNamespace(NS).withName(name).get()).isNotNull();
      }
      ConfigMap after =
          client
              .configMaps()
              .inNamespace(NS)
              .resource(configMap("after-crash-" + System.nanoTime(), 0, null))
              .create();
      assertThat(Long.parseLong(after.getMetadata().getResourceVersion()))
          .isGreaterThan(highestRevision.get());
    }
  }

  private static ConfigMap configMap(String name, int version, String resourceVersion) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withResourceVersion(resourceVersion)
        .endMetadata()
        .withData(Map.of("version", Integer.toString(version), "payload", "x".repeat(512)))
        .build();
  }

  private static KubernetesClient client() throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(cluster.kubeconfig()));
    config.setClientKeyAlgo("EC");
    // One attempt per request: a retried create would blur what was acknowledged.
    config.setRequestRetryBackoffLimit(0);
    config.setRequestTimeout((int) Duration.ofSeconds(10).toMillis());
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
