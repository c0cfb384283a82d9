package io.karavel.client.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.apiserver.spi.loopback.LoopbackApiServer;
import io.karavel.client.KubeClientProvider;
import io.karavel.client.KubeconfigUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link KubeClientProvider} service: builds its client on first use from the configured
 * kubeconfig and builds a new one when the file's content changes. With {@code loopback} on, the
 * client reaches an API server in this framework that the kubeconfig names in-process, through its
 * {@link LoopbackApiServer} service, and any other over HTTPS.
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
            "When an API server runs in the same Karaf and the kubeconfig names it, components"
                + " reach it in-process, through the same authentication, authorization and"
                + " admission chain, without TLS or sockets; false always uses HTTPS.")
    boolean loopback() default true;
  }

  /** What the current client was built from. */
  private record Built(KubernetesClient client, FileTime modified, byte[] content) {}

  private static final Logger LOG = LoggerFactory.getLogger(KubeClientProviderImpl.class);
  private static final long AWAIT_POLL_MILLIS = 200;

  private final Path kubeconfig;
  private final Function<Path, KubernetesClient> factory;
  private final List<LoopbackApiServer> loopbackServers = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final List<KubernetesClient> replaced = new ArrayList<>();
  private volatile Built current;
  private volatile boolean closed;

  @Activate
  public KubeClientProviderImpl(Config config) {
    this.kubeconfig =
        Path.of(SystemPropertyExpander.expand(config.kubeconfig(), System::getProperty));
    this.factory =
        config.loopback()
            ? path -> KubeconfigClients.create(path, this::loopbackServer)
            : KubeconfigClients::create;
  }

  KubeClientProviderImpl(Path kubeconfig, Function<Path, KubernetesClient> factory) {
    this.kubeconfig = kubeconfig;
    this.factory = factory;
  }

  /**
   * An API server in this framework. Dynamic, so that the API server bundle can stop, restart or be
   * upgraded while the clients built here keep running: their requests go over HTTPS meanwhile.
   */
  @Reference(
      service = LoopbackApiServer.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC)
  void bindLoopbackServer(LoopbackApiServer server) {
    loopbackServers.add(server);
  }

  void unbindLoopbackServer(LoopbackApiServer server) {
    loopbackServers.remove(server);
  }

  /** The API server in this framework that serves {@code server}, or null; asked per request. */
  LoopbackApiServer loopbackServer(URI server) {
    for (LoopbackApiServer candidate : loopbackServers) {
      if (candidate.serves(server)) {
        return candidate;
      }
    }
    return null;
  }

  @Override
  public Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public KubernetesClient client() {
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
              new TimeoutException("no usable kubeconfig at " + kubeconfig + " after " + timeout);
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
