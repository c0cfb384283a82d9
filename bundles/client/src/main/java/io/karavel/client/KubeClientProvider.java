package io.karavel.client;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.internal.KubeconfigClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Hands out a fabric8 {@link KubernetesClient} connected to the API server named by a kubeconfig.
 *
 * <p>The service (configuration PID {@value #PID}) creates its client lazily, because the API
 * server writes the admin kubeconfig only on its first start, and replaces it when the file
 * changes. Callers should therefore ask for {@link #client()} when they start their work rather
 * than keep one client for the life of the framework; a replaced client stays open until the
 * service is deactivated so that running informers are not cut.
 */
@ProviderType
public interface KubeClientProvider {

  /** Configuration PID of the provider component. */
  String PID = "io.karavel.client";

  /**
   * The current client.
   *
   * @throws KubeconfigUnavailableException if the kubeconfig does not exist (yet) or cannot be read
   */
  KubernetesClient client();

  /**
   * Waits until the kubeconfig exists and returns the client built from it.
   *
   * @throws TimeoutException if no usable kubeconfig appeared within {@code timeout}
   */
  KubernetesClient awaitClient(Duration timeout) throws InterruptedException, TimeoutException;

  /** The kubeconfig file this provider reads, with {@code ${...}} system properties expanded. */
  Path kubeconfig();

  /**
   * Builds a client outside OSGi (tests, benchmarks, tools) from a kubeconfig file: the file's
   * current context only, no environment variables or {@code ~/.kube/config}, the JDK HTTP client.
   * The caller owns and must close the returned client.
   */
  static KubernetesClient fromKubeconfig(Path kubeconfig) {
    return KubeconfigClients.create(kubeconfig);
  }
}
