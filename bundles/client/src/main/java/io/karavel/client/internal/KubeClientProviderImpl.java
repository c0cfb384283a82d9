package io.karavel.client.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.KubeClientProvider;
import io.karavel.client.KubeconfigUnavailableException;
import io.karavel.client.LoopbackEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link KubeClientProvider} service: builds its client on first use from the configured
 * kubeconfig and builds a new one when the file's content changes.
 *
 * <p>When the API server runs in the same framework it publishes its loopback listener as a {@link
 * LoopbackEndpoint} service, and the client is built for that instead (cleartext HTTP/1.1 on
 * 127.0.0.1, no TLS). While the API server bundle is there but its listener is not serving yet,
 * {@link #client()} fails as if the kubeconfig were missing, so that a component waiting for a
 * client gets the loopback one and not a TLS one for the life of the process. Without the API
 * server bundle (a worker), or with {@code loopback = false}, the kubeconfig is used.
 *
 * <p>There is deliberately no {@code @Modified} method: a configuration change deactivates and
 * re-activates the component, so that components holding the service restart on the new client.
 */
@Component(service = KubeClientProvider.class, configurationPid = KubeClientProvider.PID)
@Designate(ocd = KubeClientProviderImpl.Config.class)
public final class KubeClientProviderImpl implements KubeClientProvider {

  /** Configuration of the Karavel API client. */
  @ObjectClassDefinition(
      id = KubeClientProvider.PID,
      name = "Karavel API client",
      description = "How Karavel components and the kube: shell commands reach the API server.")
  public @interface Config {
    @AttributeDefinition(
        name = "Kubeconfig",
        description =
            "Kubeconfig naming the API server URL, its CA and the client certificate; "
                + "${karaf.data} and other system properties are expanded.")
    String kubeconfig() default "${karaf.data}/admin.kubeconfig";

    @AttributeDefinition(
        name = "Loopback",
        description =
            "Reach an API server running in the same framework through its loopback listener"
                + " (plain HTTP/1.1 on 127.0.0.1, in-memory token) rather than the kubeconfig.")
    boolean loopback() default true;
  }

  /** What the current client was built from. */
  private record Built(KubernetesClient client, FileTime modified, byte[] content) {}

  /** The client built for a loopback endpoint. */
  private record LoopbackBuilt(LoopbackEndpoint endpoint, KubernetesClient client) {}

  private static final Logger LOG = LoggerFactory.getLogger(KubeClientProviderImpl.class);
  private static final long AWAIT_POLL_MILLIS = 200;

  private final Path kubeconfig;
  private final Function<Path, KubernetesClient> factory;
  private final boolean useLoopback;
  private final Function<LoopbackEndpoint, KubernetesClient> loopbackFactory;
  private final BooleanSupplier apiServerPresent;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<KubernetesClient> replaced = new ArrayList<>();
  private volatile Built current;
  private volatile LoopbackEndpoint endpoint;
  private volatile LoopbackBuilt loopbackCurrent;
  private volatile boolean closed;

  @Activate
  public KubeClientProviderImpl(Config config, BundleContext context) {
    this(
        Path.of(SystemPropertyExpander.expand(config.kubeconfig(), System::getProperty)),
        KubeconfigClients::create,
        config.loopback(),
        LoopbackClients::create,
        new ApiServerPresence(context));
  }

  /** Kubeconfig clients only. */
  KubeClientProviderImpl(Path kubeconfig, Function<Path, KubernetesClient> factory) {
    this(kubeconfig, factory, false, e -> factory.apply(kubeconfig), () -> false);
  }

  /**
   * @param useLoopback whether to use a bound {@link LoopbackEndpoint} (and wait for one)
   * @param loopbackFactory builds a client for an endpoint
   * @param apiServerPresent whether an API server that will publish an endpoint is in this
   *     framework; asked only while none is bound
   */
  KubeClientProviderImpl(
      Path kubeconfig,
      Function<Path, KubernetesClient> factory,
      boolean useLoopback,
      Function<LoopbackEndpoint, KubernetesClient> loopbackFactory,
      BooleanSupplier apiServerPresent) {
    this.kubeconfig = kubeconfig;
    this.factory = factory;
    this.useLoopback = useLoopback;
    this.loopbackFactory = loopbackFactory;
    this.apiServerPresent = apiServerPresent;
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindLoopbackEndpoint(LoopbackEndpoint e) {
    endpoint = e;
  }

  void unbindLoopbackEndpoint(LoopbackEndpoint e) {
    if (endpoint == e) {
      endpoint = null;
      // The client built for it stays: running informers may hold it, and an API server that
      // is only reconfigured comes back on the same port with the same token (see client()).
      LOG.info("the in-process API server's loopback listener {} went away", e.url());
    }
  }

  @Override
  public Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public KubernetesClient client() {
    if (useLoopback) {
      LoopbackEndpoint e = endpoint;
      if (e != null) {
        return loopbackClient(e);
      }
      if (apiServerPresent.getAsBoolean()) {
        throw new KubeconfigUnavailableException("the in-process API server is not serving yet");
      }
    }
    return kubeconfigClient();
  }

  private KubernetesClient loopbackClient(LoopbackEndpoint e) {
    LoopbackBuilt built = loopbackCurrent;
    if (built != null && built.endpoint() == e) {
      return built.client();
    }
    lock.lock();
    try {
      if (closed) {
        throw new KubeconfigUnavailableException("the client provider is deactivated");
      }
      built = loopbackCurrent;
      if (built != null && built.endpoint() == e) {
        return built.client();
      }
      if (built != null && sameListener(built.endpoint(), e)) {
        // Registered again after a reconfiguration: same port, same token, same client.
        loopbackCurrent = new LoopbackBuilt(e, built.client());
        return built.client();
      }
      if (built != null) {
        // Running informers may still hold it: close it on deactivation only.
        replaced.add(built.client());
      }
      KubernetesClient client = loopbackFactory.apply(e);
      loopbackCurrent = new LoopbackBuilt(e, client);
      LOG.info("API client for the in-process API server on {} (loopback)", e.url());
      return client;
    } finally {
      lock.unlock();
    }
  }

  private static boolean sameListener(LoopbackEndpoint a, LoopbackEndpoint b) {
    return a.url().equals(b.url()) && a.token().equals(b.token());
  }

  private KubernetesClient kubeconfigClient() {
    FileTime modified = modifiedTime();
    Built built = current;
    if (built != null && built.modified().equals(modified)) {
      return built.client();
    }
    lock.lock();
    try {
      if (closed) {
        throw new KubeconfigUnavailableException("the client provider is deactivated");
      }
      built = current;
      if (built != null && built.modified().equals(modified)) {
        return built.client();
      }
      byte[] content = read();
      if (built != null && Arrays.equals(built.content(), content)) {
        // Rewritten with the same content: keep the client and remember the new time stamp.
        current = new Built(built.client(), modified, content);
        return built.client();
      }
      KubernetesClient client = factory.apply(kubeconfig);
      if (built != null) {
        // Running informers may still use the old client: close it on deactivation only.
        replaced.add(built.client());
        LOG.info("kubeconfig {} changed: built a new API client", kubeconfig);
      }
      current = new Built(client, modified, content);
      return client;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public KubernetesClient awaitClient(Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return client();
      } catch (KubeconfigUnavailableException e) {
        if (closed || System.nanoTime() - deadline >= 0) {
          TimeoutException timedOut =
              new TimeoutException(
                  "no API client after "
                      + timeout
                      + " (kubeconfig "
                      + kubeconfig
                      + "): "
                      + e.getMessage());
          timedOut.initCause(e);
          throw timedOut;
        }
        TimeUnit.MILLISECONDS.sleep(AWAIT_POLL_MILLIS);
      }
    }
  }

  private FileTime modifiedTime() {
    try {
      return Files.getLastModifiedTime(kubeconfig);
    } catch (IOException e) {
      Built built = current;
      if (built != null) {
        // A file being replaced may vanish for a moment; keep serving the client we have.
        return built.modified();
      }
      throw new KubeconfigUnavailableException("kubeconfig " + kubeconfig + " does not exist", e);
    }
  }

  private byte[] read() {
    try {
      return Files.readAllBytes(kubeconfig);
    } catch (IOException e) {
      throw new KubeconfigUnavailableException("cannot read kubeconfig " + kubeconfig, e);
    }
  }

  @Deactivate
  void deactivate() {
    List<KubernetesClient> toClose = new ArrayList<>();
    lock.lock();
    try {
      closed = true;
      Built built = current;
      current = null;
      if (built != null) {
        toClose.add(built.client());
      }
      LoopbackBuilt loopbackBuilt = loopbackCurrent;
      loopbackCurrent = null;
      if (loopbackBuilt != null) {
        toClose.add(loopbackBuilt.client());
      }
      toClose.addAll(replaced);
      replaced.clear();
    } finally {
      lock.unlock();
    }
    for (KubernetesClient client : toClose) {
      try {
        client.close();
      } catch (RuntimeException e) {
        LOG.warn("closing an API client failed", e);
      }
    }
  }
}
