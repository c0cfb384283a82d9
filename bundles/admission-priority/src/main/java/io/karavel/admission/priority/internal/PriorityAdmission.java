package io.karavel.admission.priority.internal;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.karavel.apiserver.spi.admission.AdmissionException;
import io.karavel.apiserver.spi.admission.AdmissionRequest;
import io.karavel.apiserver.spi.admission.MutatingAdmissionPlugin;
import io.karavel.client.KubeClientProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Priority} mutating admission plugin (list it in {@code admission.mutating} of {@code
 * io.karavel.apiserver.cfg}). Admission plugins get no store handle from the SPI, so
 * PriorityClasses are read as any client reads them, through the client library: an informer's
 * cache, with a direct read when a class is not (yet) in it. At start it also creates the system
 * classes {@code system-cluster-critical} (2000000000) and {@code system-node-critical}
 * (2000001000), as upstream's API server does, retrying until the API answers.
 */
@Component(
    service = MutatingAdmissionPlugin.class,
    property = MutatingAdmissionPlugin.NAME + "=" + PriorityAdmission.NAME)
public final class PriorityAdmission implements MutatingAdmissionPlugin, PriorityClassLookup {
  public static final String NAME = "Priority";
  private static final Logger LOG = LoggerFactory.getLogger(PriorityAdmission.class);
  private static final Duration CLIENT_WAIT = Duration.ofSeconds(10);

  static final Map<String, Integer> SYSTEM_CLASSES =
      Map.of("system-cluster-critical", 2_000_000_000, "system-node-critical", 2_000_001_000);

  private final KubeClientProvider clients;
  private final PriorityAdmitter admitter = new PriorityAdmitter(this);
  private final Thread starter;
  private volatile SharedIndexInformer<PriorityClass> informer;
  private volatile boolean active = true;

  @Activate
  public PriorityAdmission(@Reference KubeClientProvider clients) {
    this.clients = clients;
    this.starter = new Thread(this::start, "karavel-admission-priority");
    starter.setDaemon(true);
    starter.start();
  }

  @Deactivate
  void deactivate() {
    active = false;
    starter.interrupt();
    SharedIndexInformer<PriorityClass> i = informer;
    if (i != null) {
      i.stop();
    }
  }

  @Override
  public void admit(AdmissionRequest request) {
    try {
      admitter.admit(request);
    } catch (KubernetesClientException e) {
      throw new AdmissionException(
          500, "InternalError", "Priority admission could not read PriorityClasses: " + e);
    }
  }

  /** Creates the system classes and starts the informer once the API answers. */
  private void start() {
    long delay = 200;
    while (active) {
      try {
        KubernetesClient c = clients.awaitClient(Duration.ofSeconds(30));
        for (Map.Entry<String, Integer> e : SYSTEM_CLASSES.entrySet()) {
          ensure(c, e.getKey(), e.getValue());
        }
        if (active) {
          SharedIndexInformer<PriorityClass> i =
              c.scheduling().v1().priorityClasses().runnableInformer(0);
          i.start();
          informer = i;
          if (!active) {
            i.stop();
          }
        }
        return;
      } catch (InterruptedException e) {
        return;
      } catch (TimeoutException | RuntimeException e) {
        LOG.debug("system priority classes not created yet: {}", e.toString());
        try {
          Thread.sleep(delay);
        } catch (InterruptedException ie) {
          return;
        }
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  private static void ensure(KubernetesClient c, String name, int value) {
    if (c.scheduling().v1().priorityClasses().withName(name).get() != null) {
      return;
    }
    PriorityClass pc =
        new PriorityClassBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withValue(value)
            .withGlobalDefault(false)
            .withDescription(
                name.equals("system-node-critical")
                    ? "For pods the node cannot do without; they are not moved to other nodes."
                    : "For pods the cluster cannot do without; they may move between nodes.")
            .build();
    try {
      c.scheduling().v1().priorityClasses().resource(pc).create();
      LOG.info("created PriorityClass {} ({})", name, value);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  private KubernetesClient client() {
    try {
      return clients.awaitClient(CLIENT_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdmissionException(500, "InternalError", "interrupted");
    } catch (TimeoutException e) {
      throw new AdmissionException(
          500, "InternalError", "Priority admission has no client to read PriorityClasses");
    }
  }

  @Override
  public Optional<PriorityClass> get(String name) {
    SharedIndexInformer<PriorityClass> i = informer;
    if (i != null && i.hasSynced()) {
      PriorityClass pc = i.getStore().getByKey(name);
      if (pc != null) {
        return Optional.of(pc);
      }
    }
    // Not in the cache: it may have been created a moment ago.
    return Optional.ofNullable(client().scheduling().v1().priorityClasses().withName(name).get());
  }

  @Override
  public List<PriorityClass> list() {
    SharedIndexInformer<PriorityClass> i = informer;
    if (i != null && i.hasSynced()) {
      return i.getStore().list();
    }
    return client().scheduling().v1().priorityClasses().list().getItems();
  }
}
