package io.karavel.client.live;

import static io.karavel.client.live.LiveCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.karavel.client.RateLimiter;
import io.karavel.client.WorkQueue;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A tiny controller in client-go's informer + work queue pattern: it copies each ConfigMap's {@code
 * data.value} into the annotation {@code karavel.io/observed}. Its first attempt per key fails on
 * purpose, so that the key goes through the rate limiter before it succeeds.
 */
@Timeout(60)
class WorkQueueControllerLiveTest {
  private static final String OBSERVED = "karavel.io/observed";

  private KubernetesClient client;
  private SharedIndexInformer<ConfigMap> informer;
  private WorkQueue<String> queue;
  private Thread worker;
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  // Requeues seen at each key's first success (later successes follow the controller's own edits).
  private final Map<String, Integer> requeuesAtSuccess = new ConcurrentHashMap<>();

  @BeforeEach
  void connect() {
    client = LiveCluster.client();
  }

  @AfterEach
  void close() throws Exception {
    if (queue != null) {
      queue.shutDown();
    }
    if (worker != null) {
      worker.join(5000);
    }
    if (informer != null) {
      informer.close();
    }
    if (client != null) {
      client.close();
    }
  }

  private void reconcile(String key) {
    ConfigMap cached = informer.getStore().getByKey(key);
    if (cached == null) {
      return;
    }
    if (attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1) {
      throw new IllegalStateException("first attempt fails on purpose");
    }
    String value = cached.getData() == null ? null : cached.getData().get("value");
    Map<String, String> annotations = cached.getMetadata().getAnnotations();
    if (value == null || (annotations != null && value.equals(annotations.get(OBSERVED)))) {
      return;
    }
    client
        .configMaps()
        .inNamespace(cached.getMetadata().getNamespace())
        .withName(cached.getMetadata().getName())
        .edit(
            cm ->
                new ConfigMapBuilder(cm)
                    .editMetadata()
                    .addToAnnotations(OBSERVED, value)
                    .endMetadata()
                    .build());
  }

  private void work() {
    try {
      Optional<String> key;
      while ((key = queue.get()).isPresent()) {
        String k = key.get();
        try {
          reconcile(k);
          requeuesAtSuccess.putIfAbsent(k, queue.numRequeues(k));
          queue.forget(k);
        } catch (RuntimeException e) {
          queue.addRateLimited(k);
        } finally {
          queue.done(k);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String observed(String name) {
    ConfigMap cm = client.configMaps().inNamespace(NAMESPACE).withName(name).get();
    Map<String, String> annotations = cm == null ? null : cm.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(OBSERVED);
  }

  @Test
  void controllerReconcilesThroughTheQueue() throws Exception {
    String run = LiveCluster.unique("ctl");
    queue =
        WorkQueue.create(
            "test-controller",
            RateLimiter.maxOf(
                RateLimiter.itemExponentialFailure(Duration.ofMillis(20), Duration.ofSeconds(2)),
                RateLimiter.tokenBucket(50, 10)));
    informer =
        client
            .configMaps()
            .inNamespace(NAMESPACE)
            .withLabel("karavel-test", run)
            .runnableInformer(0);
    informer.addEventHandler(
        new ResourceEventHandler<ConfigMap>() {
          @Override
          public void onAdd(ConfigMap obj) {
            queue.add(Cache.metaNamespaceKeyFunc(obj));
          }

          @Override
          public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
            queue.add(Cache.metaNamespaceKeyFunc(newObj));
          }

          @Override
          public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
            queue.add(Cache.metaNamespaceKeyFunc(obj));
          }
        });
    informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
    worker = new Thread(this::work, "test-controller-worker");
    worker.start();

    String one = run + "-one";
    String two = run + "-two";
    for (String name : new String[] {one, two}) {
      client
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(NAMESPACE)
                  .addToLabels("karavel-test", run)
                  .endMetadata()
                  .addToData("value", "1")
                  .build())
          .create();
    }
    assertThat(LiveCluster.eventually(Duration.ofSeconds(20), () -> "1".equals(observed(one))))
        .isTrue();
    assertThat(LiveCluster.eventually(Duration.ofSeconds(20), () -> "1".equals(observed(two))))
        .isTrue();
    // Each key failed once, was re-queued through the rate limiter, and was then forgotten.
    assertThat(requeuesAtSuccess.get(NAMESPACE + "/" + one)).isEqualTo(1);
    assertThat(queue.numRequeues(NAMESPACE + "/" + one)).isZero();

    client
        .configMaps()
        .inNamespace(NAMESPACE)
        .withName(one)
        .edit(cm -> new ConfigMapBuilder(cm).addToData("value", "2").build());
    assertThat(LiveCluster.eventually(Duration.ofSeconds(20), () -> "2".equals(observed(one))))
        .isTrue();
    assertThat(observed(two)).isEqualTo("1");

    client.configMaps().inNamespace(NAMESPACE).withLabel("karavel-test", run).delete();
    assertThat(
            LiveCluster.eventually(
                Duration.ofSeconds(20), () -> informer.getStore().list().isEmpty()))
        .isTrue();
  }
}
