package io.karavel.client.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.karavel.client.KubeClientProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Access to a running Karavel API server for the tests that need one. The kubeconfig comes from the
 * system property or environment variable {@value #KUBECONFIG}; without it those tests are skipped.
 */
final class LiveCluster {
  static final String KUBECONFIG = "KARAVEL_KUBECONFIG";
  static final String NAMESPACE = "karavel-client-test";

  private LiveCluster() {}

  static Path kubeconfig() {
    String value = System.getProperty(KUBECONFIG, System.getenv(KUBECONFIG));
    assumeTrue(
        value != null && !value.isBlank(),
        "set " + KUBECONFIG + " to the kubeconfig of a running Karavel API server");
    Path path = Path.of(value);
    assumeTrue(Files.isRegularFile(path), KUBECONFIG + " names no file: " + path);
    return path;
  }

  /** A new client for the server; the test closes it. The test namespace exists. */
  static KubernetesClient client() {
    KubernetesClient client = KubeClientProvider.fromKubeconfig(kubeconfig());
    ensureNamespace(client);
    return client;
  }

  static void ensureNamespace(KubernetesClient client) {
    if (client.namespaces().withName(NAMESPACE).get() != null) {
      return;
    }
    try {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  /** A name no earlier run used: {@code prefix-<random>}, a valid DNS label. */
  static String unique(String prefix) {
    return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
  }

  /** Polls {@code condition} every 50 ms until it holds or {@code timeout} passes. */
  static boolean eventually(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }
}
