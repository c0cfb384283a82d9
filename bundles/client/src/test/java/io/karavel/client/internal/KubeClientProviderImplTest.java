package io.karavel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.KubeconfigUnavailableException;
import io.karavel.client.internal.fake.FakeLoopbackApiServer;
import java.io.IOException;
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

  private static KubeClientProviderImpl.Config config(String kubeconfig, boolean loopback) {
    return new KubeClientProviderImpl.Config() {
      @Override
      public Class<? extends java.lang.annotation.Annotation> annotationType() {
        return KubeClientProviderImpl.Config.class;
      }

      @Override
      public String kubeconfig() {
        return kubeconfig;
      }

      @Override
      public boolean loopback() {
        return loopback;
      }
    };
  }

  private Path tokenKubeconfig() throws IOException {
    return TestKubeconfigs.write(dir.resolve("admin.kubeconfig"), "{token: abc}");
  }

  @Test
  void eachRequestGoesToTheFirstBoundLoopbackServerServingTheUrl() throws Exception {
    Path kubeconfig = tokenKubeconfig();
    URI url = URI.create(TestKubeconfigs.SERVER + "/");
    FakeLoopbackApiServer elsewhere = new FakeLoopbackApiServer().serving(server -> false);
    FakeLoopbackApiServer local =
        new FakeLoopbackApiServer()
            .serving(url::equals)
            .answering(call -> call.answer(200, FakeLoopbackApiServer.namespace("n")));
    KubeClientProviderImpl provider =
        new KubeClientProviderImpl(config(kubeconfig.toString(), true));
    try {
      assertThat(provider.loopbackServer(url)).isNull();
      provider.bindLoopbackServer(elsewhere);
      provider.bindLoopbackServer(local);
      assertThat(provider.loopbackServer(url)).isSameAs(local);

      KubernetesClient client = provider.client();
      assertThat(client.namespaces().withName("n").get().getMetadata().getName()).isEqualTo("n");
      assertThat(local.next().request().pathAndQuery()).isEqualTo("/api/v1/namespaces/n");
      assertThat(elsewhere.idle()).isTrue();

      // The API server bundle stops: the same client goes over HTTPS (nothing listens here).
      provider.unbindLoopbackServer(local);
      assertThat(provider.loopbackServer(url)).isNull();
    } finally {
      provider.deactivate();
    }
  }

  @Test
  void withoutLoopbackTheClientAlwaysUsesHttps() throws Exception {
    Path kubeconfig = tokenKubeconfig();
    KubeClientProviderImpl provider =
        new KubeClientProviderImpl(config(kubeconfig.toString(), false));
    try {
      assertThat(provider.client().getHttpClient().getClass().getName())
          .startsWith("io.fabric8.kubernetes.client.jdkhttp.");
      assertThat(provider.client().getConfiguration().isOnlyHttpWatches()).isFalse();
    } finally {
      provider.deactivate();
    }
  }

  @Test
  void defaultPathExpandsKarafData() {
    String previous = System.getProperty("karaf.data");
    System.setProperty("karaf.data", dir.toString());
    try {
      KubeClientProviderImpl provider =
          new KubeClientProviderImpl(config("${karaf.data}/admin.kubeconfig", true));
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
