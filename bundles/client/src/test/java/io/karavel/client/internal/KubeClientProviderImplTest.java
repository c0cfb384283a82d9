package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.KubeconfigUnavailableException;
import io.karavel.client.LoopbackEndpoint;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeClientProviderImplTest {
  @TempDir Path dir;

  private final List<Path> built = new ArrayList<>();
  private final Set<KubernetesClient> closed = ConcurrentHashMap.newKeySet();

  /** A client stand-in that only records close(). */
  private KubernetesClient fakeClient(Path kubeconfig) {
    built.add(kubeconfig);
    KubernetesClient[] self = new KubernetesClient[1];
    self[0] =
        (KubernetesClient)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {KubernetesClient.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "close" -> closed.add(self[0]);
                    case "hashCode" -> {
                      return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                      return proxy == args[0];
                    }
                    case "toString" -> {
                      return "fake client for " + kubeconfig;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                  }
                  return null;
                });
    return self[0];
  }

  private KubeClientProviderImpl provider(Path kubeconfig) {
    return new KubeClientProviderImpl(kubeconfig, this::fakeClient);
  }

  private static void write(Path file, String content, Instant modified) throws Exception {
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  @Test
  void missingKubeconfigFailsUntilItAppearsThenTheClientIsBuiltOnce() throws Exception {
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    KubeClientProviderImpl provider = provider(kubeconfig);
    assertThat(built).isEmpty();
    assertThatThrownBy(provider::client)
        .isInstanceOf(KubeconfigUnavailableException.class)
        .hasMessageContaining(kubeconfig.toString());

    write(kubeconfig, "one", Instant.parse("2025-01-01T00:00:00Z"));
    KubernetesClient client = provider.client();
    assertThat(provider.client()).isSameAs(client);
    assertThat(built).containsExactly(kubeconfig);
  }

  @Test
  void changedFileGivesANewClientAndTheOldOneIsClosedOnDeactivate() throws Exception {
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    write(kubeconfig, "one", Instant.parse("2025-01-01T00:00:00Z"));
    KubeClientProviderImpl provider = provider(kubeconfig);
    KubernetesClient first = provider.client();

    write(kubeconfig, "one", Instant.parse("2025-01-01T00:01:00Z"));
    assertThat(provider.client()).as("same content, new time stamp").isSameAs(first);

    write(kubeconfig, "two", Instant.parse("2025-01-01T00:02:00Z"));
    KubernetesClient second = provider.client();
    assertThat(second).isNotSameAs(first);
    assertThat(closed).as("the old client may still serve informers").isEmpty();

    provider.deactivate();
    assertThat(closed).containsExactlyInAnyOrder(first, second);
    assertThatThrownBy(provider::client).isInstanceOf(KubeconfigUnavailableException.class);
  }

  @Test
  void fileRemovedAfterwardsKeepsTheCurrentClient() throws Exception {
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    write(kubeconfig, "one", Instant.parse("2025-01-01T00:00:00Z"));
    KubeClientProviderImpl provider = provider(kubeconfig);
    KubernetesClient first = provider.client();
    Files.delete(kubeconfig);
    assertThat(provider.client()).isSameAs(first);
  }

  @Test
  void awaitClientWaitsForTheFile() throws Exception {
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    KubeClientProviderImpl provider = provider(kubeconfig);
    assertThatThrownBy(() -> provider.awaitClient(Duration.ofMillis(300)))
        .isInstanceOf(TimeoutException.class);

    var executor = Executors.newSingleThreadExecutor();
    try {
      Future<KubernetesClient> waiting =
          executor.submit(() -> provider.awaitClient(Duration.ofSeconds(10)));
      Thread.sleep(300);
      assertThat(waiting.isDone()).isFalse();
      write(kubeconfig, "one", Instant.now());
      assertThat(waiting.get(5, TimeUnit.SECONDS)).isNotNull();
    } finally {
      executor.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ loopback endpoint

  private record Endpoint(URI url, String token) implements LoopbackEndpoint {}

  private final AtomicBoolean apiServerBundle = new AtomicBoolean();

  private KubeClientProviderImpl loopbackProvider(Path kubeconfig, boolean loopback) {
    return new KubeClientProviderImpl(
        kubeconfig,
        this::fakeClient,
        loopback,
        e -> fakeClient(Path.of("loopback-" + e.url().getPort())),
        apiServerBundle::get);
  }

  @Test
  void aBoundEndpointIsUsedAndTheKubeconfigNotRead() throws Exception {
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    write(kubeconfig, "one", Instant.parse("2025-01-01T00:00:00Z"));
    apiServerBundle.set(true);
    KubeClientProviderImpl provider = loopbackProvider(kubeconfig, true);
    provider.bindLoopbackEndpoint(new Endpoint(URI.create("http://127.0.0.1:40001"), "t"));
    KubernetesClient client = provider.client();
    assertThat(provider.client()).isSameAs(client);
    assertThat(provider.awaitClient(Duration.ofSeconds(1))).isSameAs(client);
    assertThat(built).containsExactly(Path.of("loopback-40001"));
    assertThat(provider.kubeconfig()).isEqualTo(kubeconfig);
  }

  @Test
  void withTheApiServerBundleButNoEndpointYetTheProviderWaitsForTheEndpoint() throws Exception {
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    // A restart: the kubeconfig of the previous run is there, the listener is not yet.
    write(kubeconfig, "one", Instant.parse("2025-01-01T00:00:00Z"));
    apiServerBundle.set(true);
    KubeClientProviderImpl provider = loopbackProvider(kubeconfig, true);
    assertThatThrownBy(provider::client)
        .isInstanceOf(KubeconfigUnavailableException.class)
        .hasMessageContaining("the in-process API server is not serving yet");
    var executor = Executors.newSingleThreadExecutor();
    try {
      Future<KubernetesClient> waiting =
          executor.submit(() -> provider.awaitClient(Duration.ofSeconds(10)));
      Thread.sleep(300);
      assertThat(waiting.isDone()).isFalse();
      provider.bindLoopbackEndpoint(new Endpoint(URI.create("http://127.0.0.1:40002"), "t"));
      assertThat(waiting.get(5, TimeUnit.SECONDS)).isSameAs(provider.client());
      assertThat(built).containsExactly(Path.of("loopback-40002"));
    } finally {
      executor.shutdownNow();
    }
    assertThatThrownBy(() -> loopbackProvider(kubeconfig, true).awaitClient(Duration.ofMillis(300)))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("not serving yet");
  }

  @Test
  void withoutTheApiServerBundleTheKubeconfigIsUsed() throws Exception {
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    write(kubeconfig, "one", Instant.parse("2025-01-01T00:00:00Z"));
    apiServerBundle.set(false);
    KubeClientProviderImpl provider = loopbackProvider(kubeconfig, true);
    provider.client();
    assertThat(built).containsExactly(kubeconfig);
  }

  @Test
  void loopbackTurnedOffUsesTheKubeconfigEvenWithAnEndpoint() throws Exception {
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    write(kubeconfig, "one", Instant.parse("2025-01-01T00:00:00Z"));
    apiServerBundle.set(true);
    KubeClientProviderImpl provider = loopbackProvider(kubeconfig, false);
    provider.bindLoopbackEndpoint(new Endpoint(URI.create("http://127.0.0.1:40003"), "t"));
    provider.client();
    assertThat(built).containsExactly(kubeconfig);
  }

  @Test
  void aClientOfAnEndpointThatWentAwayStaysOpenUntilDeactivation() throws Exception {
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    apiServerBundle.set(true);
    KubeClientProviderImpl provider = loopbackProvider(kubeconfig, true);
    Endpoint first = new Endpoint(URI.create("http://127.0.0.1:40004"), "a");
    provider.bindLoopbackEndpoint(first);
    KubernetesClient one = provider.client();
    provider.unbindLoopbackEndpoint(first);
    assertThatThrownBy(provider::client).isInstanceOf(KubeconfigUnavailableException.class);
    assertThat(closed).isEmpty();
    provider.bindLoopbackEndpoint(new Endpoint(URI.create("http://127.0.0.1:40005"), "b"));
    KubernetesClient two = provider.client();
    assertThat(two).isNotSameAs(one);
    assertThat(closed).isEmpty();
    provider.deactivate();
    assertThat(closed).containsExactlyInAnyOrder(one, two);
  }

  @Test
  void theSameListenerRegisteredAgainKeepsItsClient() throws Exception {
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    apiServerBundle.set(true);
    KubeClientProviderImpl provider = loopbackProvider(kubeconfig, true);
    Endpoint first = new Endpoint(URI.create("http://127.0.0.1:40006"), "a");
    provider.bindLoopbackEndpoint(first);
    KubernetesClient one = provider.client();
    // An API server reconfigured: unregistered, then the same port and token registered again.
    provider.unbindLoopbackEndpoint(first);
    provider.bindLoopbackEndpoint(new Endpoint(URI.create("http://127.0.0.1:40006"), "a"));
    assertThat(provider.client()).isSameAs(one);
    assertThat(built).hasSize(1);
    // Another token on the same port is another listener.
    provider.bindLoopbackEndpoint(new Endpoint(URI.create("http://127.0.0.1:40006"), "b"));
    assertThat(provider.client()).isNotSameAs(one);
    assertThat(built).hasSize(2);
  }

  @Test
  void defaultPathExpandsKarafData() {
    String previous = System.getProperty("karaf.data");
    System.setProperty("karaf.data", dir.toString());
    try {
      KubeClientProviderImpl provider =
          new KubeClientProviderImpl(
              new KubeClientProviderImpl.Config() {
                @Override
                public Class<? extends java.lang.annotation.Annotation> annotationType() {
                  return KubeClientProviderImpl.Config.class;
                }

                @Override
                public String kubeconfig() {
                  return "${karaf.data}/admin.kubeconfig";
                }

                @Override
                public boolean loopback() {
                  return true;
                }
              },
              null);
      assertThat(provider.kubeconfig()).isEqualTo(dir.resolve("admin.kubeconfig"));
    } finally {
      if (previous == null) {
        System.clearProperty("karaf.data");
      } else {
        System.setProperty("karaf.data", previous);
      }
    }
  }
}
